import { useTranslation } from "../lib/use-translation";
import { useLoaderData, href } from "react-router";
import type { Route } from "./+types/projects.home";
import { PageTitle } from "../components/ui/page-title";
import { listSchoolSpace } from "../features/projects/classes.server";
import { dbContext } from "../lib/context";
import { can, isLearner } from "../lib/permissions";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const space = await listSchoolSpace(context.get(dbContext), user);
  return { ...space, canTeach: can(user, "create:school_class:own"), isLearner: isLearner(user) };
}

export default function SchoolSpace() {
  const { t } = useTranslation("projects");
  const { teaching, coTeaching, learning, canTeach, isLearner } = useLoaderData<typeof loader>();
  const title = canTeach ? t("home.title_teacher") : t("home.title_pupil");
  return (
    <div className="page">
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      {canTeach ? (
        <>
          <p className="lead">{t("home.intro_teacher")}</p>
          <p>
            <a className="button primary" href={href("/classes-scolaires/nouvelle")}>
              {t("home.new_class")}
            </a>
          </p>
          <h2>{t("home.my_classes")}</h2>
          {teaching.length === 0 ? <p>{t("home.no_classes")}</p> : null}
          <ul className="cards">
            {teaching.map((c) => (
              <li key={c.id} className="card">
                <h3>
                  <a href={href("/classes-scolaires/:classId", { classId: c.id })}>{c.name}</a>
                </h3>
                <p>
                  {c.school} · {t(`levels.${c.level}`)} · {c.school_year}
                </p>
                <p>{t("home.pupil_count", { count: c.pupils })}</p>
                {c.archived_at ? <p className="badge">{c.personal_data_purged_at ? t("class.purged_badge") : t("class.archived_badge")}</p> : null}
              </li>
            ))}
          </ul>
          {coTeaching.length ? (
            <>
              <h2>{t("home.shared_projects")}</h2>
              <ul>
                {coTeaching.map((p) => (
                  <li key={p.id}>
                    <a href={href("/projets/:projectId", { projectId: p.id })}>{p.title}</a> — {p.class_name}, {p.school}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
      {isLearner ? (
        <>
          <p className="lead">{t("home.intro_pupil")}</p>
          <p>
            <a className="button primary" href={href("/classes-scolaires/rejoindre")}>
              {t("home.join_class")}
            </a>
          </p>
          {learning.length === 0 ? <p>{t("home.no_class_yet")}</p> : null}
          {learning.map((c) => (
            <section key={c.id} aria-labelledby={`class-${c.id}`} className="card">
              <h2 id={`class-${c.id}`}>
                <a href={href("/classes-scolaires/:classId", { classId: c.id })}>{c.name}</a>
              </h2>
              <p>{c.school}</p>
              {c.projects.length ? (
                <ul>
                  {c.projects.map((p) => (
                    <li key={p.id}>
                      <a href={href("/projets/:projectId", { projectId: p.id })}>{p.title}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t("home.no_projects_yet")}</p>
              )}
            </section>
          ))}
        </>
      ) : null}
    </div>
  );
}
