import { registerNodeRenderer, type NodeSpec } from "../courses/rich-text/registry";
import { isUuid } from "../../lib/ids";
import { H5pFrame } from "./components/h5p-frame";

/**
 * The `h5p` node of lesson bodies: `{ type: "h5p", attrs: { contentId } }`,
 * kept only with a well-formed content id, rendered as the activity's frame.
 * Registered for every body (so that saving keeps it); the lesson page passes
 * `lessonRenderers(lesson.id)` so that results are credited to the lesson.
 */
const attrs = (raw: Record<string, unknown>) =>
  typeof raw.contentId === "string" && isUuid(raw.contentId) ? { contentId: raw.contentId.toLowerCase() } : null;

/** `hostSrc`: where the activity's host is served, when not /h5p/cadre (inside an LMS launch, decision 048). */
export function h5pNodeSpec(lessonId?: string, openedAt?: string | null, hostSrc?: (contentId: string) => string): NodeSpec {
  return {
    leaf: true,
    attrs,
    render: (node, { key }) => {
      const contentId = node.attrs.contentId as string;
      return <H5pFrame key={key} contentId={contentId} lessonId={lessonId} openedAt={openedAt} src={hostSrc?.(contentId)} />;
    },
  };
}

const { render, ...options } = h5pNodeSpec();
registerNodeRenderer("h5p", render, options);

export const lessonRenderers = (lessonId: string, openedAt?: string | null, hostSrc?: (contentId: string) => string): Record<string, NodeSpec> => ({
  h5p: h5pNodeSpec(lessonId, openedAt, hostSrc),
});
