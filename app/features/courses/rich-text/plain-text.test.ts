import { describe, expect, it } from "vitest";
import { lessonPlainText } from "./plain-text";

describe("lessonPlainText", () => {
  it("keeps the words a learner reads, blocks apart and inline pieces together", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Écrire un e-mail" }] },
        { type: "paragraph", content: [{ type: "text", text: "Bon" }, { type: "text", text: "jour", marks: [{ type: "bold" }] }, { type: "hardBreak" }, { type: "text", text: "à tous" }] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Un" }] }] }, { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Deux" }] }] }] },
        { type: "image", attrs: { src: "/fichiers/cours/x.png", alt: "Une boîte aux lettres" } },
      ],
    };
    expect(lessonPlainText(doc)).toBe("Écrire un e-mail\nBonjour à tous\nUn\nDeux\nUne boîte aux lettres");
  });

  it("returns an empty string for anything that is not a document", () => {
    for (const odd of [null, 3, "texte", [], { type: "doc" }, { type: "doc", content: "x" }]) expect(lessonPlainText(odd)).toBe("");
  });
});
