import { Node, nodeInputRule, nodePasteRule } from "@tiptap/core";
import { registerEditorExtension } from "../courses/rich-text/editor-extensions";

/**
 * The lesson editor's H5P block. An author types or pastes `[h5p:<id>]` (the
 * activity page shows that line) and it becomes the block; in the editor it
 * is a labelled box, the player exists only on the lesson page.
 */
const SHORTCODE = /\[h5p:([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\]/;

export const H5pNode = Node.create({
  name: "h5p",
  group: "block",
  atom: true,
  addAttributes() {
    return { contentId: { default: null } };
  },
  parseHTML() {
    return [{ tag: "div[data-h5p-content]", getAttrs: (el) => ({ contentId: el.getAttribute("data-h5p-content") }) }];
  },
  renderHTML({ node }) {
    return ["div", { "data-h5p-content": node.attrs.contentId, class: "editor-h5p" }, `▶ H5P ${node.attrs.contentId ?? ""}`];
  },
  addInputRules() {
    return [nodeInputRule({ find: new RegExp(`${SHORTCODE.source}$`), type: this.type, getAttributes: (m) => ({ contentId: m[1]!.toLowerCase() }) })];
  },
  addPasteRules() {
    return [nodePasteRule({ find: new RegExp(SHORTCODE.source, "g"), type: this.type, getAttributes: (m) => ({ contentId: m[1]!.toLowerCase() }) })];
  },
});

registerEditorExtension(H5pNode);
