import type { Editor, JSONContent } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "../../../lib/use-translation";
import { editorExtensions } from "../../courses/rich-text/editor-extensions";
import "../../courses/rich-text/editor-plugins";
import { applyLink, FormattingButtons, HistoryButtons, ToolbarButton } from "../../courses/rich-text/toolbar";

/**
 * The rich-text editor of a project brief or a team document: the courses
 * domain's tiptap extension list (so what it writes is what the shared
 * allow-list keeps), with a toolbar for what pupils need. Loaded only in
 * the browser; pages work without it through a plain textarea.
 */
export default function DocEditor({
  initial,
  labelId,
  hiddenName,
  onChange,
  onReady,
}: {
  /** The starting document, or a function read once when the editor starts (the brief's typed text). */
  initial: unknown;
  labelId: string;
  /** When set, the JSON goes into a hidden input of the surrounding form. */
  hiddenName?: string;
  onChange?: (doc: JSONContent) => void;
  /** Called once the editor is on screen (the plain field it replaces can step aside). */
  onReady?: () => void;
}) {
  const [start] = useState(() => ((typeof initial === "function" ? initial() : initial) as JSONContent | null) ?? { type: "doc", content: [] });
  const [json, setJson] = useState(() => JSON.stringify(start));
  const editor = useEditor({
    extensions: editorExtensions(),
    content: start,
    immediatelyRender: false,
    // Tiptap's own <style> tag would break the content security policy; its few rules are in projects.css.
    injectCSS: false,
    editorProps: {
      attributes: { class: "doc-editor-content rich-text", role: "textbox", "aria-multiline": "true", "aria-labelledby": labelId },
    },
    onUpdate: ({ editor: e }) => {
      const doc = e.getJSON();
      setJson(JSON.stringify(doc));
      onChange?.(doc);
    },
  });
  useEffect(() => {
    if (editor) onReady?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the editor exists
  }, [editor]);
  return (
    <div className="doc-editor">
      {hiddenName ? <input type="hidden" name={hiddenName} value={json} /> : null}
      {editor ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation("projects");
  const [linking, setLinking] = useState(false);
  const linked = useEditorState({ editor, selector: ({ editor: e }) => e.isActive("link") });
  return (
    <>
      <div role="toolbar" aria-label={t("editor.toolbar")} className="doc-editor-toolbar">
        <FormattingButtons editor={editor} />
        <ToolbarButton label={t("editor.link")} pressed={linked} onClick={() => setLinking(!linking)} />
        <HistoryButtons editor={editor} />
      </div>
      {linking ? <LinkPanel editor={editor} onDone={() => setLinking(false)} /> : null}
    </>
  );
}

function LinkPanel({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation("projects");
  const id = useId();
  const [href, setHref] = useState<string>(() => (editor.getAttributes("link").href as string | undefined) ?? "");
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    onDone();
    editor.commands.focus();
  };
  const apply = () => {
    if (!applyLink(editor, href)) return setError(t("editor.link_invalid"));
    close();
  };
  return (
    <div role="group" aria-labelledby={`${id}-title`} className="doc-editor-panel" onKeyDown={(e) => e.key === "Escape" && close()}>
      <p id={`${id}-title`} className="doc-editor-panel-title">
        {t("editor.link_title")}
      </p>
      {error ? (
        <p className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={id}>{t("editor.link_url")}</label>
        <input
          id={id}
          type="url"
          value={href}
          autoFocus
          onChange={(e) => setHref(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              apply();
            }
          }}
        />
      </div>
      <button type="button" className="button primary" onClick={apply}>
        {t("editor.link_apply")}
      </button>
      <button type="button" className="button secondary" onClick={close}>
        {t("editor.cancel")}
      </button>
    </div>
  );
}
