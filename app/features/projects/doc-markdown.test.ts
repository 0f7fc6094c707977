import { describe, expect, it } from "vitest";
import { markdownToDocument } from "../courses/rich-text/markdown";
import { sanitizeDocument } from "../courses/rich-text/sanitize";
import { documentToMarkdown } from "./doc-markdown";

const roundTrip = (doc: unknown) => sanitizeDocument(markdownToDocument(documentToMarkdown(doc))).doc;

describe("documentToMarkdown", () => {
  it("round-trips what the team editor writes", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Notre enquête" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Le " },
            { type: "text", text: "tri", marks: [{ type: "bold" }] },
            { type: "text", text: " des déchets, " },
            { type: "text", text: "vite", marks: [{ type: "italic" }] },
            { type: "text", text: " ; voir " },
            { type: "text", text: "le site", marks: [{ type: "link", attrs: { href: "https://exemple.fr/a_b" } }] },
            { type: "text", text: "." },
          ],
        },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "papier" }] }] },
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "verre" }] }] },
          ],
        },
        {
          type: "orderedList",
          attrs: { start: 1 },
          content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "d'abord" }] }] }],
        },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Une citation" }] }] },
      ],
    };
    expect(roundTrip(doc)).toEqual(sanitizeDocument(doc).doc);
  });

  it("keeps characters that mean something in Markdown as text", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "1. pas une liste * ni _ça_ [ni] <b>ceci</b> & # 50 %" }] },
        { type: "paragraph", content: [{ type: "text", text: "- ni ça" }] },
      ],
    };
    expect(roundTrip(doc)).toEqual(sanitizeDocument(doc).doc);
  });

  it("writes an empty document as an empty text", () => {
    expect(documentToMarkdown({ type: "doc", content: [] }).trim()).toBe("");
    expect(documentToMarkdown(null).trim()).toBe("");
  });
});
