import type { JSONContent } from "@tiptap/core";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "../lib/use-translation";
import { data, Form, redirect, useFetcher, useLoaderData, useNavigate, useSearchParams, type ShouldRevalidateFunctionArgs, href } from "react-router";
import type { Route } from "./+types/projects.document";
import { PageTitle } from "../components/ui/page-title";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { PupilName } from "../features/projects/components/pupil-name";
import { RichTextView } from "../features/projects/components/rich-text-view";
import { useHydrated } from "../features/projects/components/use-hydrated";
import { getTeamDocument, restoreRevision, saveTeamDocumentInput, type SaveOutcome } from "../features/projects/documents.server";
import { SaveDocumentSchema } from "../features/projects/schemas";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";
import { parseForm } from "../lib/forms.server";
import { formatDateTime } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import type { RouteHandle } from "../root";

const DocEditor = lazy(() => import("../features/projects/components/doc-editor"));

// The team document autosaves: the one page of the domain that needs JavaScript
// (it still saves through a plain form without it).
export const handle: RouteHandle = { hydrate: true };

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return getTeamDocument(context.get(dbContext), user, params.projectId, params.teamId);
}

export type AutosaveAnswer = (SaveOutcome & { conflictUrl?: string }) | { status: "error"; messageKey: string };

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const base = href("/projets/:projectId/equipes/:teamId/document", params);
  const submission = await parseForm(request, SaveDocumentSchema);
  if (submission.status !== "success") return data<AutosaveAnswer>({ status: "error", messageKey: "projects:errors.document_invalid" }, { status: 400 });
  const v = submission.value;
  let outcome: SaveOutcome;
  try {
    outcome =
      v.intent === "restore" && v.revisionId
        ? await restoreRevision(db, user, params.projectId, params.teamId, { revisionId: v.revisionId, expectedVersion: v.expectedVersion })
        : await saveTeamDocumentInput(db, user, params.projectId, params.teamId, { json: v.content, markdown: v.markdown, expectedVersion: v.expectedVersion });
  } catch (error) {
    if (isAppError(error) && [400, 409].includes(appErrorStatus(error))) {
      if (v.mode === "json") return data<AutosaveAnswer>({ status: "error", messageKey: error.data.messageKey }, { status: appErrorStatus(error) });
      return redirect(`${base}?erreur=${error.data.code}`, 303);
    }
    throw error;
  }
  const conflictUrl = outcome.status === "conflict" ? href("/projets/:projectId/equipes/:teamId/document/conflit/:revisionId", { ...params, revisionId: outcome.revisionId }) : undefined;
  if (v.mode === "json") return data<AutosaveAnswer>({ ...outcome, conflictUrl }, { status: outcome.status === "conflict" ? 409 : 200 });
  if (conflictUrl) return redirect(conflictUrl, 303);
  return redirect(`${base}?enregistre=${outcome.version}`, 303);
}

/** Background saves do not reload the page's data (the editor holds the text). */
export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formData?.get("mode") === "json") return false;
  return defaultShouldRevalidate;
}

const AUTOSAVE_DELAY_MS = 1500;

export default function TeamDocument() {
  const doc = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("projects");
  const [params] = useSearchParams();
  const hydrated = useHydrated();
  const teamUrl = href("/projets/:projectId/equipes/:teamId", { projectId: doc.project.id, teamId: doc.team.id });
  return (
    <div className="page">
      <PageTitle>{t("document.title", { name: doc.team.name })}</PageTitle>
      <Breadcrumbs items={[{ href: href("/projets/:projectId", { projectId: doc.project.id }), label: doc.project.title }, { href: teamUrl, label: doc.team.name }, { label: t("document.short") }]} />
      <h1 id="doc-title">{t("document.title", { name: doc.team.name })}</h1>
      {params.get("enregistre") ? (
        <div className="alert success" role="status">
          <p>{t("document.saved_version", { version: params.get("enregistre") })}</p>
        </div>
      ) : null}
      {params.get("erreur") ? (
        <div className="alert error" role="alert">
          <p>{t(`errors.${params.get("erreur")}`)}</p>
        </div>
      ) : null}
      <p className="hint">
        {doc.version
          ? t("document.last_saved", { version: doc.version, date: formatDateTime(doc.updatedAt, i18n.language) })
          : t("team.document_empty")}{" "}
        {doc.updatedBy ? (
          <>
            {t("document.by")} <PupilName pupil={doc.updatedBy} />
          </>
        ) : null}
      </p>
      {!doc.canEdit ? (
        <RichTextView doc={doc.content} emptyText={t("team.document_nothing_yet")} />
      ) : hydrated ? (
        <Suspense fallback={<p>{t("document.loading_editor")}</p>}>
          <AutosavingEditor key={doc.version} initial={doc.content} version={doc.version} />
        </Suspense>
      ) : (
        <PlainForm markdown={doc.markdown} version={doc.version} />
      )}
      <p className="actions">
        <a href={teamUrl}>{t("document.back_to_team")}</a>
        <a href={href("/projets/:projectId/equipes/:teamId/document/versions", { projectId: doc.project.id, teamId: doc.team.id })}>{t("team.history")}</a>
      </p>
    </div>
  );
}

/** Without JavaScript: the document as Markdown in a textarea, saved by a normal post. */
function PlainForm({ markdown, version }: { markdown: string; version: number }) {
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
function AutosavingEditor({ initial, version }: { initial: unknown; version: number }) {
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
    if (answer.status === "saved" || answer.status === "unchanged") {
      versionRef.current = answer.version;
      setSavedVersion(answer.version);
      setErrorKey(null);
      if (pending.current) flush();
      else setState("saved");
    } else if (answer.status === "conflict" && answer.conflictUrl) {
      void navigate(answer.conflictUrl);
    } else if (answer.status === "error") {
      setErrorKey(answer.messageKey);
      setState("error");
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
