import "./nodes";
import "./plugins";
import { nodeSpec, type NodeSpec } from "./registry";
import { isRecord, type RichDocument, type RichMark, type RichNode } from "./types";
import { safeHref } from "./urls";

/** Inline marks allowed in text, with their attribute checks (null drops the mark, keeps the text). */
const MARKS: Record<string, (raw: Record<string, unknown>) => Record<string, unknown> | null> = {
  bold: () => ({}),
  italic: () => ({}),
  underline: () => ({}),
  strike: () => ({}),
  code: () => ({}),
  link: (raw) => {
    const href = safeHref(raw.href);
    return href ? { href } : null;
  },
};
export const MARK_ORDER = ["link", "bold", "italic", "underline", "strike", "code"];

export const LIMITS = { depth: 24, nodes: 20_000, textLength: 20_000 };

export interface SanitizeResult {
  doc: RichDocument;
  /** Nodes and marks that did not pass the allow-list (unknown attributes are ignored silently). */
  dropped: number;
}

/**
 * Rebuilds a tiptap document from the allow-list only: known node types with
 * their checked attributes, known marks, plain text. Everything else is
 * dropped (an unknown node with its whole subtree). Pure; used when a body
 * is saved and again when it is rendered, so stored data is never trusted.
 */
export function sanitizeDocument(input: unknown, extra?: Record<string, NodeSpec>): SanitizeResult {
  let dropped = 0;
  let budget = LIMITS.nodes;

  const cleanMarks = (marks: unknown): RichMark[] | undefined => {
    if (marks === undefined) return undefined;
    if (!Array.isArray(marks)) {
      dropped++;
      return undefined;
    }
    const kept = new Map<string, RichMark>();
    for (const mark of marks) {
      const check = isRecord(mark) && typeof mark.type === "string" && Object.hasOwn(MARKS, mark.type) ? MARKS[mark.type] : undefined;
      const attrs = check ? check(isRecord(mark.attrs) ? mark.attrs : {}) : null;
      if (!check || !attrs) {
        dropped++;
        continue;
      }
      const type = mark.type as string;
      kept.set(type, Object.keys(attrs).length ? { type, attrs } : { type });
    }
    return kept.size ? MARK_ORDER.filter((t) => kept.has(t)).map((t) => kept.get(t)!) : undefined;
  };

  const cleanText = (node: Record<string, unknown>, withMarks: boolean): RichNode | null => {
    if (typeof node.text !== "string" || node.text.length === 0) return null;
    const text = node.text.slice(0, LIMITS.textLength);
    const marks = withMarks ? cleanMarks(node.marks) : undefined;
    if (!withMarks && node.marks !== undefined) dropped++;
    return marks ? { type: "text", text, marks } : { type: "text", text };
  };

  const cleanChildren = (content: unknown, depth: number, textOnly: boolean): RichNode[] => {
    if (!Array.isArray(content)) return [];
    const out: RichNode[] = [];
    for (const child of content) {
      const cleaned = cleanNode(child, depth, textOnly);
      if (cleaned) out.push(cleaned);
    }
    return out;
  };

  const cleanNode = (node: unknown, depth: number, textOnlyParent = false): RichNode | null => {
    if (budget-- <= 0 || depth > LIMITS.depth || !isRecord(node)) {
      dropped++;
      return null;
    }
    if (node.type === "text") {
      const text = cleanText(node, !textOnlyParent);
      if (!text) dropped++;
      return text;
    }
    if (textOnlyParent) {
      dropped++;
      return null;
    }
    const spec = nodeSpec(node.type, extra);
    if (!spec) {
      dropped++;
      return null;
    }
    const rawAttrs = isRecord(node.attrs) ? node.attrs : {};
    const attrs = spec.attrs ? spec.attrs(rawAttrs) : {};
    if (!attrs) {
      dropped++;
      return null;
    }
    const cleaned: RichNode = { type: node.type as string };
    if (Object.keys(attrs).length) cleaned.attrs = attrs;
    if (!spec.leaf) {
      const content = cleanChildren(node.content, depth + 1, !!spec.textOnly);
      if (content.length) cleaned.content = content;
    } else if (node.content !== undefined) {
      dropped++;
    }
    return cleaned;
  };

  const root = isRecord(input) && input.type === "doc" ? input : null;
  if (!root && input !== undefined && input !== null) dropped++;
  return { doc: { type: "doc", content: root ? cleanChildren(root.content, 1, false) : [] }, dropped };
}

/** Plain text of a document (search index, word counts). */
export function documentText(doc: RichDocument): string {
  const parts: string[] = [];
  const walk = (nodes: RichNode[] | undefined) => {
    for (const node of nodes ?? []) {
      if (node.type === "text" && node.text) parts.push(node.text);
      walk(node.content);
    }
  };
  walk(doc.content);
  return parts.join(" ");
}
