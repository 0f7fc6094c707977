import { href, useRouteLoaderData } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { TableScroll } from "../../../components/ui/table-scroll";
import { formatDate } from "../../../lib/i18n";
import { WorkshopWhen } from "../../workshops/components/workshop-list";
import { AppointmentRecordSection } from "../../appointments/components/record-section";
import type { LearnerRecordView } from "../service.server";
import { can } from "../../../lib/permissions";
import type { RootLoaderData } from "../../../root";

type Record = LearnerRecordView;

/**
 * The learner record, section by section. `own` is the learner's own view
 * (links to resume, to their results and calendar); otherwise a mediator
 * reads it for the person they accompany.
 */
export function RecordSections({ record, own }: { record: Record; own: boolean }) {
  // « Mon projet professionnel » is a learner's (and a coordinator's): staff without it would meet a 403.
  const viewer = useRouteLoaderData<RootLoaderData>("root")?.user ?? null;
  const { t, i18n } = useTranslation("record");
  const day = (d: Date | string) => formatDate(d, i18n.language);
  const { totals } = record;
  return (
    <>
      <section aria-labelledby="record-summary">
        <h2 id="record-summary">{t("summary.title")}</h2>
        <ul className="record-totals">
          <li>{t("summary.courses", { count: totals.coursesCompleted })}</li>
          <li>{t("summary.workshops", { count: totals.workshopsAttended })}</li>
          <li>{t("summary.classes", { count: totals.classesAttended, minutes: totals.liveMinutes })}</li>
          <li>{t("summary.badges", { count: totals.badges })}</li>
        </ul>
      </section>

      <section aria-labelledby="record-courses">
        <h2 id="record-courses">{t("courses.title")}</h2>
        {record.courses.inProgress.length === 0 && record.courses.completed.length === 0 ? (
          <p>
            {t("courses.none")} {own ? <a href={href("/cours")}>{t("courses.find")}</a> : null}
          </p>
        ) : null}
        {record.courses.inProgress.length > 0 ? (
          <>
            <h3>{t("courses.in_progress")}</h3>
            <ul className="link-list">
              {record.courses.inProgress.map((c) => (
                <li key={c.slug}>
                  {own ? <a href={href("/cours/:slug/reprendre", { slug: c.slug })}>{t("courses.resume", { title: c.title })}</a> : c.title}{" "}
                  <span className="hint">{t("courses.last_activity", { date: day(c.lastActivity) })}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {record.courses.completed.length > 0 ? (
          <>
            <h3>{t("courses.completed")}</h3>
            <ul className="link-list">
              {record.courses.completed.map((c) => (
                <li key={c.slug}>
                  <a href={href("/cours/:slug", { slug: c.slug })}>{c.title}</a> <span className="hint">{t("courses.completed_on", { date: day(c.completedAt) })}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {own ? (
          <p>
            <a href={href("/mes-resultats")}>{t("courses.results_link")}</a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="record-paths">
        <h2 id="record-paths">{t("paths.title")}</h2>
        {record.paths.length === 0 && record.jobPaths.length === 0 ? (
          <p>
            {t("paths.none")} <a href={href("/parcours")}>{t("paths.find")}</a>
          </p>
        ) : (
          <ul className="link-list">
            {record.paths.map((p) => (
              <li key={p.slug}>
                <a href={href("/parcours/:slug", { slug: p.slug })}>{p.title}</a>{" "}
                <span className="hint">
                  {t("paths.progress", { count: p.done, total: p.count })}
                  {p.complete ? ` ${t("paths.complete")}` : null}
                </span>
              </li>
            ))}
            {record.jobPaths.map((p) => (
              <li key={p.offerId}>
                <a href={href("/emplois/:id/parcours", { id: p.offerId })}>{t("jobseekers:path_page.title", { title: p.title })}</a>{" "}
                <span className="hint">{t("jobseekers:project.path_progress", { done: p.done, total: p.count })}</span>
              </li>
            ))}
          </ul>
        )}
        {own && can(viewer, "manage:job_profile:own") ? (
          <p>
            <a href={href("/emplois/mon-projet")}>{t("jobseekers:nav.project")}</a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="record-workshops">
        <h2 id="record-workshops">{t("workshops.title")}</h2>
        <h3>{t("workshops.upcoming")}</h3>
        {record.workshops.upcoming.length === 0 ? (
          <p>
            {t("workshops.no_upcoming")} <a href={href("/ateliers")}>{t("workshops.find")}</a>
          </p>
        ) : (
          <ul className="cards">
            {record.workshops.upcoming.map((b) => (
              <li key={b.bookingId} className="card">
                <h4 className="card-title">
                  <a href={href("/ateliers/:id", { id: b.workshopId })}>{b.title}</a>
                </h4>
                <p>
                  <WorkshopWhen start={b.startsAt} end={b.endsAt} />
                </p>
                <p>{b.place ?? t("workshops:remote")}</p>
                <p>
                  <strong>
                    {b.cancelled
                      ? t("workshops:record.workshop_cancelled")
                      : b.status === "confirmed"
                        ? t("workshops:status.confirmed")
                        : t("workshops:record.waitlisted_position", { position: b.position })}
                  </strong>
                </p>
              </li>
            ))}
          </ul>
        )}
        <h3>{t("workshops.attended")}</h3>
        {record.workshops.attended.length === 0 ? (
          <p>{t("workshops.no_attended")}</p>
        ) : (
          <TableScroll label={t("workshops.attended")}>
            <table className="data-table">
              <caption className="visually-hidden">{t("workshops.attended")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("date")}</th>
                  <th scope="col">{t("workshops.workshop")}</th>
                  <th scope="col">{t("workshops.themes")}</th>
                </tr>
              </thead>
              <tbody>
                {record.workshops.attended.map((a) => (
                  <tr key={a.workshopId}>
                    <td>{day(a.startsAt)}</td>
                    <td>
                      <a href={href("/ateliers/:id", { id: a.workshopId })}>{a.title}</a>
                    </td>
                    <td>{a.themes.map((c) => t(`mediation:vocab.thematique.${c}`)).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <AppointmentRecordSection record={record.appointments} own={own} />

      <section aria-labelledby="record-classes">
        <h2 id="record-classes">{t("classes.title")}</h2>
        {record.classes.upcoming.length === 0 && record.classes.past.length === 0 ? (
          <p>
            {t("classes.none")} <a href={href("/classes")}>{t("classes.find")}</a>
          </p>
        ) : null}
        {record.classes.upcoming.length > 0 ? (
          <ul className="link-list">
            {record.classes.upcoming.map((c) => (
              <li key={c.classroomId}>
                <a href={href("/classes/:id", { id: c.classroomId })}>{c.title}</a> — <WorkshopWhen start={c.startsAt} end={c.endsAt} />
                {c.cancelled ? <strong> {t("classes.cancelled")}</strong> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {record.classes.past.length > 0 ? (
          <TableScroll label={t("classes.past")}>
            <table className="data-table">
              <caption>{t("classes.past")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("date")}</th>
                  <th scope="col">{t("classes.class")}</th>
                  <th scope="col">{t("classes.presence")}</th>
                </tr>
              </thead>
              <tbody>
                {record.classes.past.map((c) => (
                  <tr key={c.classroomId}>
                    <td>{day(c.startsAt)}</td>
                    <td>
                      <a href={href("/classes/:id", { id: c.classroomId })}>{c.title}</a>
                    </td>
                    <td>{c.attended ? t("classes.attended", { minutes: c.minutes }) : t("classes.missed", { minutes: c.minutes })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
      </section>

      <section aria-labelledby="record-badges">
        <h2 id="record-badges">{t("badges.title")}</h2>
        {record.badges.length === 0 ? (
          <p>{t("badges.none")}</p>
        ) : (
          <>
            <ul className="link-list">
              {record.badges.map((b) => (
                <li key={b.id}>
                  <a href={href("/badges/:id", { id: b.id })}>{b.name}</a> <span className="hint">{t("badges.issued_on", { date: day(b.issuedAt) })}</span>
                </li>
              ))}
            </ul>
            {own ? (
              <p>
                <a href={href("/badges")}>{t("badges.manage")}</a>
              </p>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="record-diagnostic">
        <h2 id="record-diagnostic">{t("diagnostic.title")}</h2>
        {record.diagnostic ? (
          <p>
            {t("diagnostic.taken_on", { date: day(record.diagnostic.takenAt) })}{" "}
            {own ? <a href={href("/diagnostic/resultat/:id", { id: record.diagnostic.id })}>{t("diagnostic.see")}</a> : null}
          </p>
        ) : (
          <p>
            {t("diagnostic.none")} {own ? <a href={href("/diagnostic")}>{t("diagnostic.take")}</a> : null}
          </p>
        )}
      </section>

      {record.businessDiagnostic ? (
        <section aria-labelledby="record-business">
          <h2 id="record-business">{t("business.title")}</h2>
          <p>
            {t("business.taken_on", { date: day(record.businessDiagnostic.takenAt), score: record.businessDiagnostic.overall })}{" "}
            {own ? <a href={href("/diagnostic-entreprise/mes-rapports/:id", { id: record.businessDiagnostic.id })}>{t("business.see")}</a> : null}
          </p>
        </section>
      ) : null}
    </>
  );
}
