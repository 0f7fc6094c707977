import type { Editor } from "@tiptap/core";
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
