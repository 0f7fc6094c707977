import type { JSONContent } from "@tiptap/core";
import { lazy, useCallback, useEffect, useRef, useState } from "react";
import { Form, useFetcher, useNavigate } from "react-router";
import type { JsonErrorBody } from "../../../lib/actions.server";
import { useTranslation } from "../../../lib/use-translation";
import type { SaveOutcome } from "../documents.server";

const DocEditor = lazy(() => import("./doc-editor"));

/**
 * What the document page's action answers the editor's background save
 * (mode "json", through handleJson): the outcome, with the merge screen's
 * address on a conflict (status 409), or the one JSON error body.
 */
export type AutosaveAnswer = (SaveOutcome & { conflictUrl?: string }) | JsonErrorBody;

const AUTOSAVE_DELAY_MS = 1500;

/** Without JavaScript: the document as Markdown in a textarea, saved by a normal post. */
export function PlainForm({ markdown, version }: { markdown: string; version: number }) {
  const { t } = useTranslation("projects");
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="expectedVersion" value={version} />
      <input type="hidden" name="mode" value="form" />
      <div className="field">
        <label htmlFor="doc-markdown">{t("document.text_label")}</label>
        <p className="hint" id="doc-markdown-hint">
          {t("document.markdown_hint")}
        </p>
        <textarea id="doc-markdown" name="markdown" rows={20} defaultValue={markdown} aria-describedby="doc-markdown-hint" />
      </div>
      <button type="submit" name="intent" value="save" className="button primary">
        {t("document.save")}
      </button>
    </Form>
  );
}

type SaveState = "saved" | "dirty" | "saving" | "error";

/**
 * The tiptap editor with autosave: 1.5 s after the last keystroke the JSON
 * is posted with the version it was based on. A save that finds a newer
 * version goes to the merge screen; nothing is overwritten.
 */
export function AutosavingEditor({ initial, version }: { initial: unknown; version: number }) {
  const { t } = useTranslation("projects");
  const fetcher = useFetcher<AutosaveAnswer>();
  const navigate = useNavigate();
  const [state, setState] = useState<SaveState>("saved");
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const versionRef = useRef(version);
  const pending = useRef<JSONContent | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [savedVersion, setSavedVersion] = useState(version);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    if (!pending.current || fetcher.state !== "idle") return;
    const content = JSON.stringify(pending.current);
    pending.current = null;
    setState("saving");
    void fetcher.submit({ intent: "save", mode: "json", content, expectedVersion: String(versionRef.current) }, { method: "post" });
  }, [fetcher]);

  useEffect(() => {
    const answer = fetcher.data;
    if (fetcher.state !== "idle" || !answer) return;
    if ("error" in answer) {
      setErrorKey(answer.error.messageKey);
      setState("error");
    } else if (answer.status === "saved" || answer.status === "unchanged") {
      versionRef.current = answer.version;
      setSavedVersion(answer.version);
      setErrorKey(null);
      if (pending.current) flush();
      else setState("saved");
    } else if (answer.status === "conflict" && answer.conflictUrl) {
      void navigate(answer.conflictUrl);
    }
  }, [fetcher.state, fetcher.data, flush, navigate]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (doc: JSONContent) => {
    pending.current = doc;
    setState("dirty");
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, AUTOSAVE_DELAY_MS);
  };

  const status =
    state === "saving"
      ? t("document.status_saving")
      : state === "dirty"
        ? t("document.status_dirty")
        : state === "error"
          ? t(errorKey ?? "projects:errors.save_failed")
          : t("document.status_saved", { version: savedVersion });
  return (
    <div className="autosave">
      <p id="doc-editor-label" className="field-label">
        {t("document.text_label")}
      </p>
      <DocEditor initial={initial} labelId="doc-editor-label" onChange={onChange} />
      <div className="autosave-bar">
        <p role="status" aria-live="polite" className={`autosave-status autosave-${state}`} data-state={state}>
          {status}
        </p>
        <button type="button" className="button secondary" onClick={flush} disabled={state !== "dirty"}>
          {t("document.save_now")}
        </button>
      </div>
    </div>
  );
}
