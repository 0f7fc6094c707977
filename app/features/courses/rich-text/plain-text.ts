import { isRecord } from "./types";

/** Far below tsvector's 1 MB limit, far above any real lesson. */
const MAX_LENGTH = 100_000;

function textOf(node: unknown): string {
  if (!isRecord(node)) return "";
  if (node.type === "text") return typeof node.text === "string" ? node.text : "";
  if (node.type === "hardBreak") return " ";
  const alt = isRecord(node.attrs) && typeof node.attrs.alt === "string" ? node.attrs.alt : "";
  const children = Array.isArray(node.content) ? node.content : [];
  // Inline pieces ("bon" + bold "jour") join as written; blocks are separate words.
  const inline = children.some((c) => isRecord(c) && c.type === "text");
  return [alt, children.map(textOf).filter(Boolean).join(inline ? "" : "\n")].filter(Boolean).join("\n");
}

/**
 * The words a learner reads in a lesson body (texts and image descriptions),
 * for the catalogue search. Takes any JSON: nothing in a stored body is trusted.
 */
export function lessonPlainText(doc: unknown): string {
  return textOf(doc).slice(0, MAX_LENGTH);
}
