import { describe, expect, it } from "vitest";
import { markdownToDocument } from "./markdown";
import { sanitizeDocument } from "./sanitize";

describe("Markdown to lesson document", () => {
  it("converts headings, paragraphs, marks, lists and links", () => {
    const doc = markdownToDocument(
      "# Titre\n\nUn *mot* en **gras**, du `code` et [un lien](https://exemple.fr).\nSuite l'été & \"co\".\n\n- un\n- deux **g**\n\n3. trois\n4. quatre\n",
    );
    expect(doc.content[0]).toEqual({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Titre" }] });
    expect(doc.content[1]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "Un " },
        { type: "text", text: "mot", marks: [{ type: "italic" }] },
        { type: "text", text: " en " },
        { type: "text", text: "gras", marks: [{ type: "bold" }] },
        { type: "text", text: ", du " },
        { type: "text", text: "code", marks: [{ type: "code" }] },
        { type: "text", text: " et " },
        { type: "text", text: "un lien", marks: [{ type: "link", attrs: { href: "https://exemple.fr" } }] },
        { type: "text", text: ". Suite l'été & \"co\"." },
      ],
    });
    expect(doc.content[2]!.type).toBe("bulletList");
    expect(doc.content[2]!.content![1]).toEqual({
      type: "listItem",
      content: [{ type: "paragraph", content: [{ type: "text", text: "deux " }, { type: "text", text: "g", marks: [{ type: "bold" }] }] }],
    });
    expect(doc.content[3]).toMatchObject({ type: "orderedList", attrs: { start: 3 } });
    // Already within the allow-list: the sanitizer changes nothing.
    expect(sanitizeDocument(doc).dropped).toBe(0);
  });

  it("turns the callout and video conventions into their nodes", () => {
    const doc = markdownToDocument(
      "> [!CONSEIL]\n> Notez votre mot de passe **sur papier**.\n>\n> Rangez-le.\n\n> [!attention]\n> Jamais par téléphone.\n\n> Une citation.\n\n@[Créer une adresse](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n",
    );
    expect(doc.content[0]).toEqual({
      type: "callout",
      attrs: { variant: "conseil" },
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Notez votre mot de passe " }, { type: "text", text: "sur papier", marks: [{ type: "bold" }] }, { type: "text", text: "." }] },
        { type: "paragraph", content: [{ type: "text", text: "Rangez-le." }] },
      ],
    });
    expect(doc.content[1]).toMatchObject({ type: "callout", attrs: { variant: "attention" } });
    expect(doc.content[2]).toMatchObject({ type: "blockquote" });
    expect(doc.content[3]).toEqual({ type: "videoEmbed", attrs: { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", title: "Créer une adresse" } });
    expect(sanitizeDocument(doc).dropped).toBe(0);
  });

  it("drops raw HTML and resolves images through the callback only", () => {
    const doc = markdownToDocument("<script>alert(1)</script>\n\nTexte <b>gras</b>.\n\n![Un écran](ecran.png)\n\n![Ailleurs](https://x.fr/a.png)\n", {
      resolveImage: (src) => (src === "ecran.png" ? "/fichiers/cours/0b8e5c1a-2f3d-4c5e-8a9b-1c2d3e4f5a6b.png" : null),
    });
    expect(doc.content).toEqual([
      { type: "paragraph", content: [{ type: "text", text: "Texte gras." }] },
      { type: "image", attrs: { src: "/fichiers/cours/0b8e5c1a-2f3d-4c5e-8a9b-1c2d3e4f5a6b.png", alt: "Un écran" } },
    ]);
  });

  it("keeps code blocks verbatim", () => {
    const doc = markdownToDocument("```\nsi x > 3:\n    dire(\"grand\")\n```\n");
    expect(doc.content).toEqual([{ type: "codeBlock", content: [{ type: "text", text: 'si x > 3:\n    dire("grand")' }] }]);
  });
});
