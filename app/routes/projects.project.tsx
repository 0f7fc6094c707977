import { useTranslation } from "../lib/use-translation";
import { Form, href, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/projects.project";
import { PageTitle } from "../components/ui/page-title";
import { competenceLabel } from "../features/projects/competences";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { IntentMessage, useIntentReply } from "../features/projects/components/form-result";
import { PupilName } from "../features/projects/components/pupil-name";
import { TeacherTeams } from "../features/projects/components/team-assignment";
import { RichTextView } from "../features/projects/components/rich-text-view";
import { addMilestone, deleteMilestone, getProjectPage, inviteCoTeacher, shareWithClass } from "../features/projects/projects.server";
import { ProjectActionSchema } from "../features/projects/schemas";
import { assignPupil, assignTeams, chooseTeam, createTeam } from "../features/projects/teams.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate, formatDateTime } from "../lib/i18n";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return getProjectPage(context.get(dbContext), user, params.projectId);
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const id = params.projectId;
  return handleForm(request, ProjectActionSchema, async (v) => {
    switch (v.intent) {
      case "add-milestone":
        return void (await addMilestone(db, user, id, v));
      case "delete-milestone":
        return void (await deleteMilestone(db, user, id, v.milestoneId));
      case "add-team":
        return void (await createTeam(db, user, id, v.name));
      case "assign":
        return void (await assignPupil(db, user, id, v));
      case "assign-all":
        return void (await assignTeams(db, user, id, v.assignments));
      case "choose-team":
        return void (await chooseTeam(db, user, id, v.teamId));
      case "invite-teacher":
        return void (await inviteCoTeacher(db, user, id, v.email));
      case "share-class":
        return void (await shareWithClass(db, user, id, v.classId));
    }
  });
}

type Page = Awaited<ReturnType<typeof loader>>;

export default function ProjectPage() {
  const page = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("projects");
  const [params] = useSearchParams();
  const { project } = page;
  return (
    <div className="page">
      <PageTitle>{project.title}</PageTitle>
      <Breadcrumbs items={[{ href: href("/classes-scolaires"), label: page.kind === "teacher" ? t("home.title_teacher") : t("home.title_pupil") }, { label: project.title }]} />
      <h1>{project.title}</h1>
      {params.has("cree") ? (
        <div className="alert success" role="status">
          <p>{t("project.created")}</p>
        </div>
      ) : null}
      {page.readOnly ? <p className="alert notice">{t("project.read_only")}</p> : null}
      {page.kind === "teacher" ? (
        <p className="actions">
          {!page.readOnly ? <a href={href("/projets/:projectId/modifier", { projectId: project.id })}>{t("project.edit")}</a> : null}
          <a href={href("/projets/:projectId/export", { projectId: project.id })}>{t("project.export")}</a>
          <a href={`${href("/projets/:projectId/export", { projectId: project.id })}?telecharger=1`}>{t("project.export_download")}</a>
        </p>
      ) : null}
      <section aria-labelledby="brief-heading">
        <h2 id="brief-heading">{t("project.brief")}</h2>
        <RichTextView doc={project.brief} emptyText={t("project.no_brief")} />
        {project.competences.length ? (
          <>
            <h3>{t("project.competences")}</h3>
            <ul>
              {project.competences.map((c) => (
                <li key={c}>{competenceLabel(c, i18n.language)}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <Milestones page={page} />
      {page.kind === "pupil" ? <PupilTeam page={page} /> : <TeacherTeams projectId={project.id} teams={page.teams} pupils={page.pupils} teamMode={project.teamMode} readOnly={page.readOnly} />}
      {page.kind === "teacher" ? (
        <>
          <section aria-labelledby="submissions-heading">
            <h2 id="submissions-heading">{t("project.submissions")}</h2>
            {page.submissions.length === 0 ? <p>{t("project.no_submissions")}</p> : null}
            <ul>
              {page.submissions.map((s) => (
                <li key={s.id}>
                  <a href={href("/projets/:projectId/equipes/:teamId/rendus/:submissionId", { projectId: project.id, teamId: s.team_id, submissionId: s.id })}>
                    {t("project.submission_line", { team: s.team_name, milestone: s.milestone_title, version: s.version })}
                  </a>{" "}
                  — {formatDateTime(s.submitted_at, i18n.language)} — <span className="status">{t(`decisions.${s.decision ?? "pending"}`)}</span>
                </li>
              ))}
            </ul>
          </section>
          <Sharing page={page} />
        </>
      ) : null}
    </div>
  );
}

function Milestones({ page }: { page: Page }) {
  const { t, i18n } = useTranslation("projects");
  const [deleted, added] = [useIntentReply("delete-milestone"), useIntentReply("add-milestone")];
  const canEdit = page.kind === "teacher" && !page.readOnly;
  return (
    <section aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">{t("project.milestones")}</h2>
      {page.milestones.length === 0 ? <p>{t("project.no_milestones")}</p> : null}
      <ul className="milestones">
        {page.milestones.map((m) => (
          <li key={m.id}>
            <strong>{m.title}</strong> — {t("project.due", { date: formatDate(m.dueOn, i18n.language) })}
            {canEdit ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="milestoneId" value={m.id} />
                <button type="submit" name="intent" value="delete-milestone" className="link-button">
                  {t("project.delete_milestone")}
                  <span className="visually-hidden"> {m.title}</span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <IntentMessage reply={deleted} />
      {canEdit ? (
        <Form method="post" className="inline-fields">
          <input type="hidden" name="intent" value="add-milestone" />
          <div className="field">
            <label htmlFor="milestone-title">{t("fields.milestone_title")}</label>
            <input id="milestone-title" name="title" type="text" required maxLength={120} />
          </div>
          <div className="field">
            <label htmlFor="milestone-due">{t("fields.milestone_due")}</label>
            <input id="milestone-due" name="dueOn" type="date" required />
          </div>
          <button type="submit" className="button secondary">
            {t("project.add_milestone")}
          </button>
          <IntentMessage reply={added} />
        </Form>
      ) : null}
    </section>
  );
}

function PupilTeam({ page }: { page: Extract<Page, { kind: "pupil" }> }) {
  const { t } = useTranslation("projects");
  const chosen = useIntentReply("choose-team");
  return (
    <section aria-labelledby="team-heading">
      <h2 id="team-heading">{t("project.my_team")}</h2>
      <IntentMessage reply={chosen} />
      {page.myTeam ? (
        <>
          <p>
            <a className="button primary" href={href("/projets/:projectId/equipes/:teamId", { projectId: page.project.id, teamId: page.myTeam.id })}>
              {t("project.open_team", { name: page.myTeam.name })}
            </a>
          </p>
          <p>{t("project.team_members")}</p>
          <ul>
            {page.myTeam.members.map((m) => (
              <li key={m.seatId}>
                <PupilName pupil={m} />
              </li>
            ))}
          </ul>
        </>
      ) : page.project.teamMode === "choice" && !page.readOnly ? (
        <>
          <p>{t("project.choose_team", { size: page.project.maxTeamSize })}</p>
          {page.choices.length === 0 ? <p>{t("project.no_teams_yet")}</p> : null}
          <ul className="team-choices">
            {page.choices.map((c) => (
              <li key={c.id}>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="teamId" value={c.id} />
                  <span>
                    {c.name} — {t("project.free_places", { count: c.free })}
                  </span>
                  <button type="submit" name="intent" value="choose-team" className="button secondary" disabled={c.free === 0}>
                    {t("project.join_team")}
                    <span className="visually-hidden"> {c.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("project.teacher_makes_teams")}</p>
      )}
    </section>
  );
}

function Sharing({ page }: { page: Extract<Page, { kind: "teacher" }> }) {
  const { t } = useTranslation("projects");
  const [invited, shared] = [useIntentReply("invite-teacher"), useIntentReply("share-class")];
  return (
    <section aria-labelledby="sharing-heading">
      <h2 id="sharing-heading">{t("project.sharing")}</h2>
      <p>{t("project.classes_list", { classes: page.classes.map((c) => `${c.name} (${c.school})`).join(", ") })}</p>
      <ul>
        {page.teachers.map((teacher) => (
          <li key={teacher.id}>
            {teacher.name} — {t(`project.teacher_roles.${teacher.role}`)}
          </li>
        ))}
      </ul>
      {page.isOwner && !page.readOnly ? (
        <Form method="post" className="inline-fields">
          <input type="hidden" name="intent" value="invite-teacher" />
          <div className="field">
            <label htmlFor="co-teacher-email">{t("project.invite_label")}</label>
            <p className="hint" id="co-teacher-hint">
              {t("project.invite_hint")}
            </p>
            <input id="co-teacher-email" name="email" type="email" required aria-describedby="co-teacher-hint" />
          </div>
          <button type="submit" className="button secondary">
            {t("project.invite_submit")}
          </button>
          <IntentMessage reply={invited} okKey="project.invited" />
        </Form>
      ) : null}
      {page.shareable.length ? (
        <Form method="post" className="inline-fields">
          <input type="hidden" name="intent" value="share-class" />
          <div className="field">
            <label htmlFor="share-class">{t("project.share_label")}</label>
            <select id="share-class" name="classId">
              {page.shareable.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} — {c.school}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button secondary">
            {t("project.share_submit")}
          </button>
          <IntentMessage reply={shared} />
        </Form>
      ) : null}
    </section>
  );
}
