import { Node, nodeInputRule, nodePasteRule } from "@tiptap/core";
import { registerEditorExtension } from "../courses/rich-text/editor-extensions";

/**
 * The lesson editor's H5P block. Authors insert it with the toolbar's
 * « Activité interactive » button (components/editor-picker.tsx), or type or
 * paste `[h5p:<id>]` (the activity page shows that line); in the editor it is
 * a labelled box, the player exists only on the lesson page.
 *
 * No capture group in the patterns: given one, tiptap's nodeInputRule
 * replaces only the captured text and leaves `[h5p:` and `]` around the
 * block. The id is read from the whole match instead.
 */
const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const SHORTCODE = `\\[h5p:${UUID}\\]`;
const idOf = (match: string[]) => ({ contentId: new RegExp(UUID).exec(match[0]!)![0].toLowerCase() });

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
    return [nodeInputRule({ find: new RegExp(`${SHORTCODE}$`), type: this.type, getAttributes: idOf })];
  },
  addPasteRules() {
    return [nodePasteRule({ find: new RegExp(SHORTCODE, "g"), type: this.type, getAttributes: idOf })];
  },
});

registerEditorExtension(H5pNode);
