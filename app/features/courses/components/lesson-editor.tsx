import type { Editor } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { useId, useRef, useState } from "react";
import { useTranslation } from "../../../lib/use-translation";
import { toVideoEmbed } from "../rich-text/embeds";
import { editorExtensions, editorPanels } from "../rich-text/editor-extensions";
// After editor-extensions, so that other domains' editor nodes can register into it.
import "../rich-text/editor-plugins";
import { applyLink, FormattingButtons, HistoryButtons, ToolbarButton } from "../rich-text/toolbar";

/** Our panels, or the name of one another domain registered (registerEditorPanel). */
type Panel = null | "link" | "image" | "video" | `plugin:${string}`;

/**
 * The tiptap editor of a lesson body. It writes the document as JSON into
 * a hidden input, so the surrounding form saves it with a normal post.
 * Without JavaScript the input keeps the saved body and a note says so.
 */
export function LessonEditor({ initial, uploadUrl, labelId }: { initial: unknown; uploadUrl: string; labelId: string }) {
  const { t } = useTranslation("courses");
  const [json, setJson] = useState(() => JSON.stringify(initial));
  const editor = useEditor({
    extensions: editorExtensions(),
    content: initial as object,
    immediatelyRender: false,
    editorProps: {
      attributes: { class: "editor-content lesson-body", role: "textbox", "aria-multiline": "true", "aria-labelledby": labelId },
    },
    onUpdate: ({ editor: e }) => setJson(JSON.stringify(e.getJSON())),
  });
  return (
    <div className="editor">
      <input type="hidden" name="body" value={json} />
      <noscript>
        <p className="alert">{t("editor.no_js")}</p>
      </noscript>
      {editor ? <Toolbar editor={editor} uploadUrl={uploadUrl} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}

function Toolbar({ editor, uploadUrl }: { editor: Editor; uploadUrl: string }) {
  const { t } = useTranslation("courses");
  const [panel, setPanel] = useState<Panel>(null);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      link: e.isActive("link"),
      conseil: e.isActive("callout", { variant: "conseil" }),
      attention: e.isActive("callout", { variant: "attention" }),
    }),
  });
  const chain = () => editor.chain().focus();
  const toggleCallout = (variant: "conseil" | "attention") =>
    editor.isActive("callout", { variant }) ? chain().lift("callout").run() : chain().setCallout(variant).run();
  const close = () => {
    setPanel(null);
    editor.commands.focus();
  };
  const button = (label: string, pressed: boolean | undefined, onClick: () => void) => <ToolbarButton label={label} pressed={pressed} onClick={onClick} />;
  return (
    <>
      <div role="toolbar" aria-label={t("editor.toolbar")} className="editor-toolbar">
        <FormattingButtons editor={editor} />
        {button(t("editor.link"), state.link, () => setPanel(panel === "link" ? null : "link"))}
        {button(t("editor.image"), undefined, () => setPanel(panel === "image" ? null : "image"))}
        {button(t("editor.video"), undefined, () => setPanel(panel === "video" ? null : "video"))}
        {button(t("editor.callout_conseil"), state.conseil, () => toggleCallout("conseil"))}
        {button(t("editor.callout_attention"), state.attention, () => toggleCallout("attention"))}
        {editorPanels().map((p) => (
          <ToolbarButton key={p.name} label={t(p.label)} onClick={() => setPanel(panel === `plugin:${p.name}` ? null : `plugin:${p.name}`)} />
        ))}
        <HistoryButtons editor={editor} />
      </div>
      {panel === "link" ? <LinkPanel editor={editor} onDone={close} /> : null}
      {panel === "image" ? <ImagePanel editor={editor} uploadUrl={uploadUrl} onDone={close} /> : null}
      {panel === "video" ? <VideoPanel editor={editor} onDone={close} /> : null}
      {editorPanels().map((p) => (panel === `plugin:${p.name}` ? <p.Panel key={p.name} editor={editor} onDone={close} /> : null))}
    </>
  );
}

/** A small group of fields under the toolbar (not a nested form: it posts nothing itself). */
function PanelFrame({ title, error, children, onCancel }: { title: string; error: string | null; children: React.ReactNode; onCancel: () => void }) {
  const { t } = useTranslation("courses");
  const id = useId();
  return (
    <div
      role="group"
      aria-labelledby={id}
      className="editor-panel"
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <p id={id} className="editor-panel-title">
        {title}
      </p>
      {error ? (
        <p className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
      {children}
      <button type="button" className="button secondary" onClick={onCancel}>
        {t("editor.cancel")}
      </button>
    </div>
  );
}

function LinkPanel({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation("courses");
  const id = useId();
  const [href, setHref] = useState<string>(() => (editor.getAttributes("link").href as string | undefined) ?? "");
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    if (!applyLink(editor, href, { allowAnchors: true })) return setError(t("editor.link_invalid"));
    onDone();
  };
  return (
    <PanelFrame title={t("editor.link_title")} error={error} onCancel={onDone}>
      <div className="field">
        <label htmlFor={id}>{t("editor.link_url")}</label>
        <p className="hint">{t("editor.link_hint")}</p>
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
    </PanelFrame>
  );
}

function ImagePanel({ editor, uploadUrl, onDone }: { editor: Editor; uploadUrl: string; onDone: () => void }) {
  const { t } = useTranslation("courses");
  const fileId = useId();
  const altId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [alt, setAlt] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const insert = async () => {
    const file = fileRef.current?.files?.[0];
    if (!file) return setError(t("errors.image_required"));
    if (!alt.trim()) return setError(t("errors.alt_required"));
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.set("image", file);
      const res = await fetch(uploadUrl, { method: "POST", body });
      // Our JSON endpoints' one error body: { error: { code, messageKey, values, requestId } }.
      const answer = (await res.json().catch(() => ({}))) as { src?: string; error?: { messageKey?: string; values?: Record<string, unknown> } };
      if (!res.ok || !answer.src) return setError(t(answer.error?.messageKey ?? "errors.upload_failed", answer.error?.values ?? {}));
      // An empty paragraph after the image keeps the cursor off it.
      editor.chain().focus().insertContent([{ type: "image", attrs: { src: answer.src, alt: alt.trim() } }, { type: "paragraph" }]).run();
      onDone();
    } catch {
      setError(t("errors.upload_failed"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <PanelFrame title={t("editor.image_title")} error={error} onCancel={onDone}>
      <div className="field">
        <label htmlFor={fileId}>{t("editor.image_file")}</label>
        <p className="hint">{t("editor.image_hint")}</p>
        <input id={fileId} ref={fileRef} type="file" accept="image/png,image/jpeg,image/webp,image/gif" autoFocus />
      </div>
      <div className="field">
        <label htmlFor={altId}>{t("editor.image_alt")}</label>
        <p className="hint">{t("editor.image_alt_hint")}</p>
        <input id={altId} type="text" value={alt} maxLength={500} onChange={(e) => setAlt(e.target.value)} />
      </div>
      <button type="button" className="button primary" onClick={() => void insert()} disabled={busy}>
        {busy ? t("editor.image_uploading") : t("editor.image_insert")}
      </button>
    </PanelFrame>
  );
}

function VideoPanel({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation("courses");
  const urlId = useId();
  const titleId = useId();
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const insert = () => {
    if (!toVideoEmbed(url)) return setError(t("editor.video_invalid"));
    editor.chain().focus().insertVideo({ url: url.trim(), title: title.trim() }).run();
    onDone();
  };
  return (
    <PanelFrame title={t("editor.video_title")} error={error} onCancel={onDone}>
      <div className="field">
        <label htmlFor={urlId}>{t("editor.video_url")}</label>
        <p className="hint">{t("editor.video_hint")}</p>
        <input id={urlId} type="url" value={url} autoFocus onChange={(e) => setUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={titleId}>{t("editor.video_name")}</label>
        <input id={titleId} type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <button type="button" className="button primary" onClick={insert}>
        {t("editor.video_insert")}
      </button>
    </PanelFrame>
  );
}
