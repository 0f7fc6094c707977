import type { ReactNode } from "react";
import { nodeSpec, type CleanNode, type NodeSpec, type RenderContext } from "./registry";
import { sanitizeDocument } from "./sanitize";
import type { RichMark, RichNode } from "./types";
import { isExternalHref } from "./urls";

export interface RenderOptions {
  t: RenderContext["t"];
  /** Passed to every node renderer (see RenderContext). */
  lessonId?: string;
  /** Extra node types for this call only, in addition to the registry. */
  renderers?: Record<string, NodeSpec>;
}

function wrapMark(mark: RichMark, child: ReactNode): ReactNode {
  switch (mark.type) {
    case "bold":
      return <strong>{child}</strong>;
    case "italic":
      return <em>{child}</em>;
    case "underline":
      return <u>{child}</u>;
    case "strike":
      return <s>{child}</s>;
    case "code":
      return <code>{child}</code>;
    case "link": {
      const href = mark.attrs!.href as string;
      return isExternalHref(href) ? (
        <a href={href} rel="noopener noreferrer nofollow">
          {child}
        </a>
      ) : (
        <a href={href}>{child}</a>
      );
    }
    default:
      return child;
  }
}

function renderText(node: RichNode, key: string | number): ReactNode {
  let element: ReactNode = node.text;
  // Innermost first, so the link (first in MARK_ORDER) ends up outermost.
  for (const mark of [...(node.marks ?? [])].reverse()) element = wrapMark(mark, element);
  return <span key={key}>{element}</span>;
}

/**
 * Renders a lesson body as React elements, on the server. The document goes
 * through the allow-list (sanitizeDocument) first, whatever the database
 * holds; text is escaped by React; attributes come only from each node
 * type's own checks.
 */
export function renderRichText(input: unknown, { t, renderers, lessonId }: RenderOptions): ReactNode[] {
  const { doc } = sanitizeDocument(input, renderers);
  const renderNodes = (nodes: RichNode[] | undefined): ReactNode[] =>
    (nodes ?? []).map((node, index) => {
      if (node.type === "text") return node.marks ? renderText(node, index) : node.text;
      const spec = nodeSpec(node.type, renderers)!;
      const clean: CleanNode = { ...node, attrs: node.attrs ?? {} };
      return spec.render(clean, { t, key: index, lessonId, children: () => renderNodes(node.content) });
    });
  return renderNodes(doc.content);
}
