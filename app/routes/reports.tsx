import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/reports";
import { useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { listReports, requestReport } from "../features/reports/report-jobs.server";
import { reportRequest } from "../features/reports/schemas";
import { parisMonth } from "../features/reports/period";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDateTime } from "../lib/i18n";
import { getLocale } from "../lib/i18n.server";
import { requireUser } from "../lib/session.server";
import css from "../styles/reports.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const reports = await listReports(context.get(dbContext), actor);
  const currentYear = Number(parisMonth(new Date()).slice(0, 4));
  return { reports, currentYear };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  return handleForm(request, reportRequest, async ({ year }) => {
    const job = await requestReport(context.get(dbContext), actor, year, getLocale(context) === "en" ? "en" : "fr");
    return redirect(href("/rapports/:reportId", { reportId: job.id }));
  });
}

export default function Reports() {
  const { t, i18n } = useTranslation("reports");
  const { reports, currentYear } = useLoaderData<typeof loader>();
  const reply = useActionReply();
  // A year out of range is refused by the schema or, for a year not over yet, by the service (a form-level message).
  const error = reply?.error?.year?.[0] ?? reply?.error?.[""]?.[0];
  const years = Array.from({ length: currentYear - 2016 }, (_, i) => currentYear - i);
  return (
    <div className="page reports-page">
      <PageTitle>{t("report.title")}</PageTitle>
      <h1>{t("report.title")}</h1>
      <p className="lead">{t("report.intro")}</p>
      <Form method="post" className="report-request">
        <div className="field">
          <label htmlFor="report-year">{t("report.year")}</label>
          <select
            id="report-year"
            name="year"
            defaultValue={String(currentYear - 1)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "report-year-error" : undefined}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          {error ? (
            <p id="report-year-error" className="field-errors">
              {t(error)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button primary">
          {t("report.request")}
        </button>
      </Form>
      <h2>{t("report.list_title")}</h2>
      {reports.length === 0 ? (
        <p>{t("report.none")}</p>
      ) : (
        <TableScroll label={t("report.list_title")}>
          <table className="data-table">
            <caption className="visually-hidden">{t("report.list_title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("report.col_year")}</th>
                <th scope="col">{t("report.col_requested")}</th>
                <th scope="col">{t("report.col_status")}</th>
                <th scope="col">{t("report.col_files")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={href("/rapports/:reportId", { reportId: r.id })}>{t("report.page_title", { year: r.year })}</a>
                  </th>
                  <td>{formatDateTime(r.created_at, i18n.language)}</td>
                  <td>{t(`report.status.${r.status}`)}</td>
                  <td>
                    {r.status === "done" ? (
                      <ul className="inline-list">
                        <li>
                          <a href={href("/rapports/:reportId/:file", { reportId: r.id, file: `evaluation-${r.year}.pdf` })}>{t("report.download_pdf", { year: r.year, pages: r.page_count ?? "?" })}</a>
                        </li>
                        <li>
                          <a href={href("/rapports/:reportId/:file", { reportId: r.id, file: `evaluation-${r.year}.csv` })}>{t("report.download_csv", { year: r.year })}</a>
                        </li>
                      </ul>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
