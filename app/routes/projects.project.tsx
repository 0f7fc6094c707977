import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/projects.project";
import { PageTitle } from "../components/ui/page-title";
import { competenceLabel } from "../features/projects/competences";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { Milestones } from "../features/projects/components/project-milestones";
import { PupilTeam } from "../features/projects/components/project-pupil-team";
import { Sharing } from "../features/projects/components/project-sharing";
import { TeacherTeams } from "../features/projects/components/team-assignment";
import { RichTextView } from "../features/projects/components/rich-text-view";
import { addMilestone, deleteMilestone, getProjectPage, inviteCoTeacher, shareWithClass } from "../features/projects/projects.server";
import { ProjectActionSchema } from "../features/projects/schemas";
import { assignPupil, assignTeams, chooseTeam, createTeam } from "../features/projects/teams.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDateTime } from "../lib/i18n";
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
