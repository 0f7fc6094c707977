/** A tiptap (ProseMirror) JSON node as stored. Nothing in it is trusted. */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  marks?: RichMark[];
  text?: string;
}

export interface RichMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface RichDocument {
  type: "doc";
  content: RichNode[];
}

export const EMPTY_DOCUMENT: RichDocument = { type: "doc", content: [] };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export const CALLOUT_VARIANTS = ["conseil", "attention"] as const;
export type CalloutVariant = (typeof CALLOUT_VARIANTS)[number];
