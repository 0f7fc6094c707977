// @vitest-environment happy-dom
import { Editor } from "@tiptap/core";
import { generateJSON } from "@tiptap/html";
import StarterKit from "@tiptap/starter-kit";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderRichText } from "../courses/rich-text/render";
import { sanitizeDocument } from "../courses/rich-text/sanitize";
import { H5pNode } from "./editor-node";
import { lessonRenderers } from "./lesson-node";

const ID = "1b7e2a0c-3f43-4b0e-9b7c-0e6a8f1d2c33";
const LESSON = "0b8e5c1a-2f3d-4c5e-8a9b-1c2d3e4f5a6b";
const t = (key: string) => key;
const doc = (...content: unknown[]) => ({ type: "doc", content });

describe("the h5p node of lesson bodies", () => {
  it("renders the activity's frame, with the lesson on the lesson page", () => {
    const body = doc({ type: "h5p", attrs: { contentId: ID.toUpperCase(), onload: "alert(1)" } });
    const anywhere = renderToStaticMarkup(<>{renderRichText(body, { t })}</>);
    expect(anywhere).toContain(`src="/h5p/cadre/${ID}"`);
    expect(anywhere).not.toContain("onload");
    const inLesson = renderToStaticMarkup(<>{renderRichText(body, { t, renderers: lessonRenderers(LESSON) })}</>);
    expect(inLesson).toContain(`src="/h5p/cadre/${ID}?lecon=${LESSON}"`);
    expect(inLesson).toContain('sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"');
    // Sized by CSS: `width="100%"` and `frameBorder` are not valid HTML.
    expect(inLesson).toContain('class="h5p-frame"');
    expect(inLesson).not.toMatch(/width=|frameborder/i);
  });

  it("is kept when a lesson is saved only with a well-formed id", () => {
    const { doc: clean } = sanitizeDocument(doc({ type: "h5p", attrs: { contentId: ID } }, { type: "h5p", attrs: { contentId: "../../etc" } }, { type: "h5p", content: [{ type: "text", text: "x" }], attrs: { contentId: ID } }));
    expect(clean.content).toEqual([
      { type: "h5p", attrs: { contentId: ID } },
      { type: "h5p", attrs: { contentId: ID } },
    ]);
  });

  it("turns a typed [h5p:<id>] into the block, leaving nothing of the short code as text", () => {
    const editor = new Editor({ extensions: [StarterKit, H5pNode], content: "<p>Essayez :</p><p></p>" });
    editor.commands.setTextSelection(editor.state.doc.content.size - 1);
    const shortcode = `[h5p:${ID.toUpperCase()}]`;
    // Typed one character at a time, as the browser sends them: the last "]" triggers the rule.
    for (const char of shortcode) {
      const { from, to } = editor.state.selection;
      const handled = editor.view.someProp("handleTextInput", (f) => f(editor.view, from, to, char, () => editor.state.tr.insertText(char, from, to)));
      if (!handled) editor.view.dispatch(editor.state.tr.insertText(char, from, to));
    }
    const json = editor.getJSON();
    expect(json.content).toContainEqual({ type: "h5p", attrs: { contentId: ID } });
    expect(editor.state.doc.textContent).toBe("Essayez :");
    editor.destroy();
  });

  it("comes back from the editor's HTML as the same node", () => {
    const json = generateJSON(`<p>Avant</p><div data-h5p-content="${ID}"></div>`, [StarterKit, H5pNode]);
    expect(json.content).toContainEqual({ type: "h5p", attrs: { contentId: ID } });
  });
});
