import { parseWithZod } from "@conform-to/zod/v4";
import { Suspense } from "react";
import { useTranslation } from "../lib/use-translation";
import { data, redirect, useLoaderData, useSearchParams, type ShouldRevalidateFunctionArgs, href } from "react-router";
import type { Route } from "./+types/projects.document";
import { PageTitle } from "../components/ui/page-title";
import { AutosavingEditor, PlainForm } from "../features/projects/components/autosaving-editor";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { PupilName } from "../features/projects/components/pupil-name";
import { RichTextView } from "../features/projects/components/rich-text-view";
import { useHydrated } from "../features/projects/components/use-hydrated";
import { getTeamDocument, saveOrRestoreDocument } from "../features/projects/documents.server";
import { SaveDocumentSchema } from "../features/projects/schemas";
import { handleJson } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { appError, appErrorStatus, isAppError } from "../lib/errors";
import { formatDateTime } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import type { RouteHandle } from "../root";

// The team document autosaves: the one page of the domain that needs JavaScript
// (it still saves through a plain form without it).
export const handle: RouteHandle = { hydrate: true };

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return getTeamDocument(context.get(dbContext), user, params.projectId, params.teamId);
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const { projectId, teamId } = params;
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: SaveDocumentSchema });
  // The editor's background save is a JSON endpoint: the outcome, a conflict as 409, a failure as the one error body.
  if (form.get("mode") === "json") {
    return handleJson(context, async () => {
      if (submission.status !== "success") throw appError(400, "document_invalid", "projects:errors.document_invalid");
      const outcome = await saveOrRestoreDocument(db, user, projectId, teamId, submission.value);
      if (outcome.status !== "conflict") return outcome;
      const conflictUrl = href("/projets/:projectId/equipes/:teamId/document/conflit/:revisionId", { projectId, teamId, revisionId: outcome.revisionId });
      return Response.json({ ...outcome, conflictUrl }, { status: 409 });
    });
  }
  // The plain form (no JavaScript) posts and is redirected: to the merge screen, or back with a message.
  if (submission.status !== "success") return data({ status: "error", messageKey: "projects:errors.document_invalid" }, { status: 400 });
  const base = href("/projets/:projectId/equipes/:teamId/document", params);
  try {
    const outcome = await saveOrRestoreDocument(db, user, projectId, teamId, submission.value);
    if (outcome.status === "conflict") return redirect(href("/projets/:projectId/equipes/:teamId/document/conflit/:revisionId", { projectId, teamId, revisionId: outcome.revisionId }), 303);
    return redirect(`${base}?enregistre=${outcome.version}`, 303);
  } catch (error) {
    if (isAppError(error) && [400, 409].includes(appErrorStatus(error))) return redirect(`${base}?erreur=${error.data.code}`, 303);
    throw error;
  }
}

/** Background saves do not reload the page's data (the editor holds the text). */
export function shouldRevalidate({ formData, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  if (formData?.get("mode") === "json") return false;
  return defaultShouldRevalidate;
}

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
