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

export function h5pNodeSpec(lessonId?: string, openedAt?: string | null): NodeSpec {
  return {
    leaf: true,
    attrs,
    render: (node, { key }) => <H5pFrame key={key} contentId={node.attrs.contentId as string} lessonId={lessonId} openedAt={openedAt} />,
  };
}

const { render, ...options } = h5pNodeSpec();
registerNodeRenderer("h5p", render, options);

export const lessonRenderers = (lessonId: string, openedAt?: string | null): Record<string, NodeSpec> => ({
  h5p: h5pNodeSpec(lessonId, openedAt),
});
