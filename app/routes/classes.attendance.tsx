import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/classes.attendance";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { attendanceReport } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import css from "../styles/classrooms.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const report = await attendanceReport(context.get(dbContext), user, params.id);
  return {
    classroom: { id: report.classroom.id, title: report.classroom.title, startsAt: report.classroom.starts_at },
    rows: report.rows,
    started: report.started,
    attendedCount: report.attendedCount,
  };
}

export default function ClassAttendance() {
  const { t, i18n } = useTranslation("classrooms");
  const { classroom, rows, started, attendedCount } = useLoaderData<typeof loader>();
  const title = t("attendance.title", { title: classroom.title });
  return (
    <div className="page">
      <PageTitle>{title}</PageTitle>
      <p>
        <a href={href("/classes/:id", { id: classroom.id })}>{t("back_to_class")}</a>
      </p>
      <h1>{title}</h1>
      <p>{formatDate(classroom.startsAt, i18n.language, { dateStyle: "full", timeStyle: "short" })}</p>
      <p>{t("attendance.rule")}</p>
      {!started ? (
        <p>{t("attendance.not_started")}</p>
      ) : (
        <p aria-live="polite">{t("attendance.summary", { attended: attendedCount, count: rows.length })}</p>
      )}
      {rows.length > 0 ? (
        <>
          <TableScroll label={title}>
            <table className="data-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("attendance.name")}</th>
                  <th scope="col">{t("attendance.minutes")}</th>
                  <th scope="col">{t("attendance.percent")}</th>
                  <th scope="col">{t("attendance.status")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.userId}>
                    <td>{`${r.firstName} ${r.lastName ?? ""}`.trim()}</td>
                    <td>{t("attendance.minutes_value", { count: r.minutes, total: r.durationMinutes })}</td>
                    <td>{`${r.percent} %`}</td>
                    <td>{r.attended ? t("attendance.present") : r.removed ? t("attendance.removed") : t("attendance.absent")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p className="actions">
            <a className="button secondary" href={href("/classes/:id/presence.csv", { id: classroom.id })} download>
              {t("attendance.csv")}
            </a>
          </p>
        </>
      ) : (
        <p>{t("attendance.nobody")}</p>
      )}
    </div>
  );
}
