import { href, useSearchParams } from "react-router";
import { PageTitle } from "../../../components/ui/page-title";
import { useTranslation } from "../../../lib/use-translation";
import { Breadcrumbs } from "./breadcrumbs";
import type { PupilClassPage } from "./class-page-data";

/** The class as a pupil sees it: its projects and their team in each, never the classmates. */
export function PupilView({ data }: { data: PupilClassPage }) {
  const { t } = useTranslation("projects");
  const [params] = useSearchParams();
  const { schoolClass, projects } = data;
  return (
    <div className="page">
      <PageTitle>{schoolClass.name}</PageTitle>
      <Breadcrumbs items={[{ href: href("/classes-scolaires"), label: t("home.title_pupil") }, { label: schoolClass.name }]} />
      <h1>{schoolClass.name}</h1>
      <p>
        {schoolClass.school} · {schoolClass.schoolYear}
      </p>
      {params.has("bienvenue") ? (
        <div className="alert success" role="status">
          <p>{t("class.welcome", { name: schoolClass.name })}</p>
        </div>
      ) : null}
      {schoolClass.archivedAt ? <p className="alert notice">{t("class.archived_pupil")}</p> : null}
      <h2>{t("class.projects")}</h2>
      {projects.length === 0 ? <p>{t("home.no_projects_yet")}</p> : null}
      <ul className="cards">
        {projects.map((p) => (
          <li key={p.id} className="card">
            <h3>
              <a href={href("/projets/:projectId", { projectId: p.id })}>{p.title}</a>
            </h3>
            {p.team_id ? (
              <p>
                {t("class.your_team")} <a href={href("/projets/:projectId/equipes/:teamId", { projectId: p.id, teamId: p.team_id })}>{p.team_name}</a>
              </p>
            ) : (
              <p>{t("class.no_team_yet")}</p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
