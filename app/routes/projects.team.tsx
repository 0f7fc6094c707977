import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/projects.team";
import { PageTitle } from "../components/ui/page-title";
import { deleteAttachment, FILE_TRASH_DAYS, restoreAttachment } from "../features/projects/attachments.server";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { IntentMessage, replyFor, useIntentReply } from "../features/projects/components/form-result";
import { PupilName, pupilText } from "../features/projects/components/pupil-name";
import { RichTextView } from "../features/projects/components/rich-text-view";
import { TASK_STATUSES, TeamActionSchema } from "../features/projects/schemas";
import { submitWork } from "../features/projects/submissions.server";
import { addTask, deleteTask, updateTask } from "../features/projects/tasks.server";
import { getTeamSpace } from "../features/projects/teams.server";
import { ATTACHMENT_RULES } from "../features/projects/attachments.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate, formatDateTime, formatNumber } from "../lib/i18n";
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

type Space = Awaited<ReturnType<typeof loader>>;

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

function Tasks({ space, canWrite }: { space: Space; canWrite: boolean }) {
  const { t } = useTranslation("projects");
  const [updated, added] = [useIntentReply("update-task"), useIntentReply("add-task")];
  const memberName = (seatId: string | null) => pupilText(t, space.members.find((m) => m.seatId === seatId));
  return (
    <section aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">{t("tasks.heading")}</h2>
      <div className="task-board">
        {TASK_STATUSES.map((status) => {
          const tasks = space.tasks.filter((task) => task.status === status);
          return (
            <section key={status} aria-labelledby={`tasks-${status}`} className="task-column">
              <h3 id={`tasks-${status}`}>
                {t(`tasks.status.${status}`)} <span className="count">({tasks.length})</span>
              </h3>
              {tasks.length === 0 ? <p className="hint">{t("tasks.none")}</p> : null}
              <ul>
                {tasks.map((task) => (
                  <li key={task.id} className="task">
                    <p className="task-title">{task.title}</p>
                    <p className="hint">{task.assignee_pupil_id ? t("tasks.assigned_to", { name: memberName(task.assignee_pupil_id) }) : t("tasks.unassigned")}</p>
                    {canWrite ? (
                      <>
                        <Form method="post" className="task-form">
                          <input type="hidden" name="intent" value="update-task" />
                          <input type="hidden" name="taskId" value={task.id} />
                          <label htmlFor={`status-${task.id}`}>{t("tasks.status_label")}</label>
                          <select id={`status-${task.id}`} name="status" defaultValue={task.status}>
                            {TASK_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {t(`tasks.status.${s}`)}
                              </option>
                            ))}
                          </select>
                          <label htmlFor={`assignee-${task.id}`}>{t("tasks.assignee_label")}</label>
                          <select id={`assignee-${task.id}`} name="assignee" defaultValue={task.assignee_pupil_id ?? ""}>
                            <option value="">{t("tasks.nobody")}</option>
                            {space.members.map((m) => (
                              <option key={m.seatId} value={m.seatId}>
                                {pupilText(t, m)}
                              </option>
                            ))}
                          </select>
                          <button type="submit" className="button secondary">
                            {t("tasks.update")}
                            <span className="visually-hidden"> {task.title}</span>
                          </button>
                        </Form>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="taskId" value={task.id} />
                          <button type="submit" name="intent" value="delete-task" className="link-button">
                            {t("tasks.delete")}
                            <span className="visually-hidden"> {task.title}</span>
                          </button>
                        </Form>
                        <IntentMessage reply={replyFor(updated, "taskId", task.id)} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      {canWrite ? (
        <Form method="post" className="inline-fields">
          <input type="hidden" name="intent" value="add-task" />
          <div className="field">
            <label htmlFor="task-title">{t("tasks.new_label")}</label>
            <input id="task-title" name="title" type="text" required maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="task-assignee">{t("tasks.assignee_label")}</label>
            <select id="task-assignee" name="assignee" defaultValue="">
              <option value="">{t("tasks.nobody")}</option>
              {space.members.map((m) => (
                <option key={m.seatId} value={m.seatId}>
                  {pupilText(t, m)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button primary">
            {t("tasks.add")}
          </button>
          <IntentMessage reply={added} />
        </Form>
      ) : null}
    </section>
  );
}

function Files({ space, canWrite }: { space: Space; canWrite: boolean }) {
  const { t, i18n } = useTranslation("projects");
  const [deleted, restored] = [useIntentReply("delete-file"), useIntentReply("restore-file")];
  const [params] = useSearchParams();
  const ids = { projectId: space.project.id, teamId: space.team.id };
  const uploadError = params.get("erreur");
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">{t("files.heading")}</h2>
      {space.files.length === 0 ? <p>{t("files.none")}</p> : null}
      <ul className="file-list">
        {space.files.map((f) => (
          <li key={f.id}>
            <a href={href("/projets/:projectId/equipes/:teamId/fichiers/:attachmentId", { ...ids, attachmentId: f.id })} download>
              {f.file_name}
            </a>{" "}
            <span className="hint">
              ({formatNumber(Math.max(1, Math.round(f.size_bytes / 1024)), i18n.language)} {t("files.kb")} — {pupilText(t, f.uploadedBy)},{" "}
              {formatDate(f.uploaded_at, i18n.language)})
            </span>
            {f.handed_in ? <span className="badge">{t("files.handed_in")}</span> : null}
            {canWrite && !f.handed_in ? (
              <FileAction intent="delete-file" file={f} label={t("files.delete")} />
            ) : null}
            <IntentMessage reply={replyFor(deleted, "attachmentId", f.id)} />
          </li>
        ))}
      </ul>
      {space.deletedFiles.length > 0 ? (
        <>
          <h3>{t("files.deleted_heading")}</h3>
          <p className="hint">{t("files.deleted_hint", { days: space.fileTrashDays })}</p>
          <ul className="file-list">
            {space.deletedFiles.map((f) => (
              <li key={f.id}>
                {f.file_name} <span className="hint">({t("files.deleted_on", { date: formatDate(f.deleted_at!, i18n.language) })})</span>
                {!space.readOnly ? (
                  <FileAction intent="restore-file" file={f} label={t("files.restore")} />
                ) : null}
                <IntentMessage reply={replyFor(restored, "attachmentId", f.id)} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canWrite ? (
        <Form method="post" action={href("/projets/:projectId/equipes/:teamId/fichiers", ids)} encType="multipart/form-data" className="inline-fields">
          {uploadError ? (
            <div className="alert error" role="alert">
              <p>{t(`files.upload_errors.${uploadError}`, { max: space.maxFileMb })}</p>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="team-file">{t("files.choose")}</label>
            <p className="hint" id="team-file-hint">
              {t("files.rules", { max: space.maxFileMb })}
            </p>
            <input id="team-file" name="fichier" type="file" required aria-describedby="team-file-hint" />
          </div>
          <button type="submit" className="button secondary">
            {t("files.upload")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function Submissions({ space, canWrite }: { space: Space; canWrite: boolean }) {
  const { t, i18n } = useTranslation("projects");
  const submitted = useIntentReply("submit");
  const ids = { projectId: space.project.id, teamId: space.team.id };
  const open = space.milestones.filter((m) => m.open);
  return (
    <section aria-labelledby="submissions-heading">
      <h2 id="submissions-heading">{t("submissions.heading")}</h2>
      {space.submissions.length === 0 ? <p>{t("submissions.none")}</p> : null}
      <ul>
        {space.submissions.map((s) => (
          <li key={s.id}>
            <a href={href("/projets/:projectId/equipes/:teamId/rendus/:submissionId", { ...ids, submissionId: s.id })}>{t("submissions.line", { milestone: s.milestone_title, version: s.version })}</a> —{" "}
            {formatDateTime(s.submitted_at, i18n.language)} — <span className="status">{t(`decisions.${s.decision ?? "pending"}`)}</span>
          </li>
        ))}
      </ul>
      {canWrite && open.length ? (
        <Form method="post" className="stack submit-form">
          <h3>{t("submissions.new_heading")}</h3>
          <p>{t("submissions.explain")}</p>
          <input type="hidden" name="intent" value="submit" />
          <fieldset>
            <legend>{t("submissions.milestone")}</legend>
            {open.map((m, i) => (
              <label key={m.id} className="choice">
                <input type="radio" name="milestoneId" value={m.id} defaultChecked={i === 0} required /> {m.title} —{" "}
                {t("project.due", { date: formatDate(m.dueOn, i18n.language) })}
              </label>
            ))}
          </fieldset>
          {space.files.length ? (
            <fieldset>
              <legend>{t("submissions.files")}</legend>
              {space.files.map((f) => (
                <label key={f.id} className="choice">
                  <input type="checkbox" name="attachmentIds" value={f.id} /> {f.file_name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className="field">
            <label htmlFor="submission-message">{t("submissions.message")}</label>
            <textarea id="submission-message" name="message" rows={3} maxLength={2000} />
          </div>
          <button type="submit" className="button primary">
            {t("submissions.submit")}
          </button>
          <IntentMessage reply={submitted} />
        </Form>
      ) : null}
    </section>
  );
}

/** A one-button form acting on one team file (its name read out to screen readers). */
function FileAction({ intent, file, label }: { intent: "delete-file" | "restore-file"; file: { id: string; file_name: string }; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="attachmentId" value={file.id} />
      <button type="submit" name="intent" value={intent} className="link-button">
        {label}
        <span className="visually-hidden"> {file.file_name}</span>
      </button>
    </Form>
  );
}
