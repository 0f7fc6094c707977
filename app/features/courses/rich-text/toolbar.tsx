import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useTranslation } from "../../../lib/use-translation";
import { safeHref } from "./urls";

/**
 * A toolbar button of the rich-text editors (lessons, team documents). A
 * mouse click keeps the focus (and the selection) in the text: what is typed
 * next goes there, not to the button.
 */
export function ToolbarButton({ label, pressed, onClick }: { label: string; pressed?: boolean; onClick: () => void }) {
  return (
    <button type="button" className="toggle" aria-pressed={pressed} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      {label}
    </button>
  );
}

/** Headings, bold, italic and lists: the buttons both editors' toolbars start with. */
export function FormattingButtons({ editor }: { editor: Editor }) {
  const { t } = useTranslation("courses");
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <>
      <ToolbarButton label={t("editor.heading2")} pressed={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()} />
      <ToolbarButton label={t("editor.heading3")} pressed={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()} />
      <ToolbarButton label={t("editor.bold")} pressed={state.bold} onClick={() => chain().toggleBold().run()} />
      <ToolbarButton label={t("editor.italic")} pressed={state.italic} onClick={() => chain().toggleItalic().run()} />
      <ToolbarButton label={t("editor.bullet_list")} pressed={state.bullet} onClick={() => chain().toggleBulletList().run()} />
      <ToolbarButton label={t("editor.ordered_list")} pressed={state.ordered} onClick={() => chain().toggleOrderedList().run()} />
    </>
  );
}

/** Undo and redo: the buttons both editors' toolbars end with. */
export function HistoryButtons({ editor }: { editor: Editor }) {
  const { t } = useTranslation("courses");
  return (
    <>
      <ToolbarButton label={t("editor.undo")} onClick={() => editor.chain().focus().undo().run()} />
      <ToolbarButton label={t("editor.redo")} onClick={() => editor.chain().focus().redo().run()} />
    </>
  );
}

/**
 * Sets, replaces or (empty address) removes the link on the selection; with
 * nothing selected, inserts the address itself as a link. An address without
 * a scheme gets https://. Returns false when the address is not allowed.
 */
export function applyLink(editor: Editor, raw: string, { allowAnchors = false }: { allowAnchors?: boolean } = {}): boolean {
  const value = raw.trim();
  if (!value) {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    return true;
  }
  const hasScheme = allowAnchors ? /^[a-z]+:|^\/|^#/i : /^[a-z]+:|^\//i;
  const safe = safeHref(hasScheme.test(value) ? value : `https://${value}`);
  if (!safe) return false;
  if (editor.state.selection.empty && !editor.isActive("link")) {
    editor.chain().focus().insertContent({ type: "text", text: safe, marks: [{ type: "link", attrs: { href: safe } }] }).run();
  } else {
    editor.chain().focus().extendMarkRange("link").setLink({ href: safe }).run();
  }
  return true;
}
