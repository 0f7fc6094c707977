import { mergeAttributes, Node, type AnyExtension, type Editor } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import StarterKit from "@tiptap/starter-kit";
import type { ComponentType } from "react";
import { CALLOUT_VARIANTS } from "./types";
import { safeHref } from "./urls";

/**
 * The tiptap extensions of the lesson editor — the one list the editor
 * uses, so that another domain can add its node (e.g. `h5p`) with
 * `registerEditorExtension()` from a module imported by ./editor-plugins.ts,
 * next to its server renderer (see ./registry.ts). The node names and
 * attributes here must match the allow-list in ./nodes.tsx: anything else is
 * dropped when the lesson is saved.
 */

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    callout: { setCallout: (variant: string) => ReturnType };
    videoEmbed: { insertVideo: (attrs: { url: string; title?: string }) => ReturnType };
  }
}

export const Callout = Node.create({
  name: "callout",
  group: "block",
  content: "block+",
  defining: true,
  addAttributes() {
    return {
      variant: {
        default: "conseil",
        parseHTML: (el) => el.getAttribute("data-callout"),
        renderHTML: (attrs) => ({ "data-callout": attrs.variant, class: `callout callout-${attrs.variant}` }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "div[data-callout]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { role: "note" }), 0];
  },
  addCommands() {
    return {
      setCallout:
        (variant) =>
        ({ commands }) =>
          commands.wrapIn(this.name, { variant: CALLOUT_VARIANTS.includes(variant as never) ? variant : "conseil" }),
    };
  },
});

export const VideoEmbed = Node.create({
  name: "videoEmbed",
  group: "block",
  atom: true,
  addAttributes() {
    return { url: { default: null }, title: { default: "" } };
  },
  parseHTML() {
    return [{ tag: "div[data-video-url]", getAttrs: (el) => ({ url: el.getAttribute("data-video-url"), title: el.getAttribute("data-title") ?? "" }) }];
  },
  // In the editor a video is a labelled box; the iframe exists only on the lesson page.
  renderHTML({ node }) {
    return ["div", { "data-video-url": node.attrs.url, "data-title": node.attrs.title, class: "editor-video" }, `▶ ${node.attrs.title || node.attrs.url}`];
  },
  addCommands() {
    return {
      // Followed by an empty paragraph, so the cursor does not rest on the
      // video (typing or inserting an image would replace it).
      insertVideo:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent([{ type: this.name, attrs }, { type: "paragraph" }]),
    };
  },
});

const extra: AnyExtension[] = [];

/** For other domains: adds a tiptap extension to every lesson editor. */
export function registerEditorExtension(extension: AnyExtension) {
  if (!extra.some((e) => e.name === extension.name)) extra.push(extension);
}

export function editorExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        isAllowedUri: (url) => safeHref(url) !== null,
      },
    }),
    Image.configure({ inline: false, allowBase64: false }),
    Callout,
    VideoEmbed,
    ...extra,
  ];
}

/**
 * A toolbar button another domain adds to the lesson editor, and the panel
 * it opens under the toolbar (e.g. H5P's activity picker). `label` is an
 * i18n key with its namespace.
 */
export interface EditorPanel {
  name: string;
  label: string;
  Panel: ComponentType<{ editor: Editor; onDone: () => void }>;
}

const panels: EditorPanel[] = [];

export function registerEditorPanel(panel: EditorPanel) {
  if (!panels.some((p) => p.name === panel.name)) panels.push(panel);
}

export const editorPanels = (): readonly EditorPanel[] => panels;
