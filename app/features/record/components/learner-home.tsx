import { useTranslation } from "../../../lib/use-translation";
import { href } from "react-router";
import { formatDateTime } from "../../../lib/i18n";
import type { LearnerHomeView } from "../service.server";

/** A signed-in learner's own home page: what is next, what to resume, their paths. */
export function LearnerHome({ home, firstName }: { home: LearnerHomeView; firstName: string }) {
  const { t, i18n } = useTranslation("home");
  const when = (d: Date | string) => formatDateTime(d, i18n.language);
  const nothingYet = !home.workshops.length && !home.classes.length && !home.appointments.length && !home.courses.length && !home.paths.length;
  return (
    <>
      <h1>{t("mine.heading", { name: firstName })}</h1>
      {nothingYet ? <p className="lead">{t("mine.nothing_yet")}</p> : null}

      <section aria-labelledby="home-next">
        <h2 id="home-next">{t("mine.next_title")}</h2>
        {home.workshops.length || home.classes.length || home.appointments.length ? (
          <ul className="cards">
            {home.workshops.map((w) => (
              <li key={w.bookingId} className="card">
                <h3>
                  <a href={href("/ateliers/:id", { id: w.workshopId })}>{w.title}</a>
                </h3>
                <p>{when(w.startsAt)}</p>
                <p>{w.place ?? t("workshops:remote")}</p>
                <p>
                  <strong>
                    {w.status === "confirmed" ? t("workshops:status.confirmed") : t("workshops:record.waitlisted_position", { position: w.position })}
                  </strong>
                </p>
              </li>
            ))}
            {home.classes.map((c) => (
              <li key={c.classroomId} className="card">
                <h3>
                  <a href={href("/classes/:id", { id: c.classroomId })}>{c.title}</a>
                </h3>
                <p>{when(c.startsAt)}</p>
                <p>{t("mine.live_class")}</p>
              </li>
            ))}
            {home.appointments.map((a) => (
              <li key={a.id} className="card">
                <h3>
                  <a href={href("/rendez-vous")}>{t(`appointments:reasons.${a.reason}`)}</a>
                </h3>
                <p>{when(a.startsAt)}</p>
                <p>{t("mine.appointment")}</p>
                <p>{a.mode === "place" ? a.place : t(`appointments:mode.${a.mode}`)}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            {t("mine.no_next")} <a href={href("/ateliers")}>{t("mine.find_workshop")}</a>
          </p>
        )}
      </section>

      <section aria-labelledby="home-courses">
        <h2 id="home-courses">{t("mine.courses_title")}</h2>
        {home.courses.length ? (
          <ul className="link-list home-list">
            {home.courses.map((c) => (
              <li key={c.slug}>
                <a className="button primary" href={href("/cours/:slug/reprendre", { slug: c.slug })}>
                  {t("mine.resume", { title: c.title })}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            {t("mine.no_course")} <a href={href("/cours")}>{t("mine.find_course")}</a>
          </p>
        )}
      </section>

      {home.paths.length ? (
        <section aria-labelledby="home-paths">
          <h2 id="home-paths">{t("mine.paths_title")}</h2>
          <ul className="link-list home-list">
            {home.paths.map((p) => (
              <li key={p.slug}>
                <a href={href("/parcours/:slug", { slug: p.slug })}>{p.title}</a>{" "}
                <span className="hint">{p.complete ? t("record:paths.complete") : t("record:paths.progress", { count: p.done, total: p.count })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p className="actions">
        <a className="button secondary" href={href("/compte/activites")}>
          {t("cta_record")}
        </a>
      </p>
    </>
  );
}
