import { useTranslation } from "../lib/use-translation";
import { href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/projects.team";
import { PageTitle } from "../components/ui/page-title";
import { deleteAttachment, FILE_TRASH_DAYS, restoreAttachment } from "../features/projects/attachments.server";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { PupilName } from "../features/projects/components/pupil-name";
import { RichTextView } from "../features/projects/components/rich-text-view";
import { Files } from "../features/projects/components/team-files";
import { Submissions } from "../features/projects/components/team-submissions";
import { Tasks } from "../features/projects/components/team-tasks";
import { TeamActionSchema } from "../features/projects/schemas";
import { submitWork } from "../features/projects/submissions.server";
import { addTask, deleteTask, updateTask } from "../features/projects/tasks.server";
import { getTeamSpace } from "../features/projects/teams.server";
import { ATTACHMENT_RULES } from "../features/projects/attachments.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDateTime } from "../lib/i18n";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const space = await getTeamSpace(context.get(dbContext), user, params.projectId, params.teamId);
  return { ...space, maxFileMb: ATTACHMENT_RULES.maxBytes / 1024 / 1024, fileTrashDays: FILE_TRASH_DAYS };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const { projectId, teamId } = params;
  // Tasks and files repeat their forms: the reply carries the taskId / attachmentId it answers (see replyFor).
  return handleForm(request, TeamActionSchema, async (v) => {
    switch (v.intent) {
      case "add-task":
        return void (await addTask(db, user, projectId, teamId, v));
      case "update-task":
        return void (await updateTask(db, user, projectId, teamId, v));
      case "delete-task":
        return void (await deleteTask(db, user, projectId, teamId, v.taskId));
      case "delete-file":
        return void (await deleteAttachment(db, user, projectId, teamId, v.attachmentId));
      case "restore-file":
        return void (await restoreAttachment(db, user, projectId, teamId, v.attachmentId));
      case "submit": {
        const submission = await submitWork(db, user, projectId, teamId, v);
        return redirect(`${href("/projets/:projectId/equipes/:teamId/rendus/:submissionId", { projectId, teamId, submissionId: submission.id })}?rendu=1`);
      }
    }
  });
}

export default function TeamSpace() {
  const space = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("projects");
  const [params] = useSearchParams();
  const { project, team, members, document } = space;
  const ids = { projectId: project.id, teamId: team.id };
  const canWrite = space.viewerKind === "pupil" && !space.readOnly;
  return (
    <div className="page">
      <PageTitle>{t("team.title", { name: team.name })}</PageTitle>
      <Breadcrumbs items={[{ href: href("/projets/:projectId", ids), label: project.title }, { label: team.name }]} />
      <h1>{t("team.title", { name: team.name })}</h1>
      {params.get("fichier") === "ajoute" ? (
        <div className="alert success" role="status">
          <p>{t("files.added")}</p>
        </div>
      ) : null}
      {space.readOnly ? <p className="alert notice">{t("project.read_only")}</p> : null}
      <p>
        {t("team.members")}{" "}
        {members.map((m, i) => (
          <span key={m.seatId}>
            {i ? ", " : ""}
            <PupilName pupil={m} />
          </span>
        ))}
      </p>

      <section aria-labelledby="doc-heading" className="team-doc">
        <h2 id="doc-heading">{t("team.document")}</h2>
        <p className="hint">
          {document.version
            ? t("team.document_version", { version: document.version, date: formatDateTime(document.updated_at!, i18n.language) })
            : t("team.document_empty")}
        </p>
        <div className="doc-preview">
          <RichTextView doc={document.content} emptyText={t("team.document_nothing_yet")} />
        </div>
        <p className="actions">
          {canWrite ? (
            <a className="button primary" href={href("/projets/:projectId/equipes/:teamId/document", ids)}>
              {t("team.edit_document")}
            </a>
          ) : null}
          <a href={href("/projets/:projectId/equipes/:teamId/document/versions", ids)}>{t("team.history")}</a>
        </p>
      </section>

      <Tasks space={space} canWrite={canWrite} />
      <Files space={space} canWrite={canWrite} />
      <Submissions space={space} canWrite={canWrite} />
    </div>
  );
}
