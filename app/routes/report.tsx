import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/report";
import { PageTitle } from "../components/ui/page-title";
import { getReport } from "../features/reports/report-jobs.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import css from "../styles/reports.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const job = await getReport(context.get(dbContext), actor, params.reportId);
  return {
    report: { id: job.id, year: job.year, status: job.status, progress: job.progress, step: job.step, pageCount: job.page_count, error: job.error },
  };
}

/**
 * Progress of a report being built. No automatic refresh (it would move
 * screen-reader users and breaks WCAG 2.2.1): a link reloads the page.
 */
export default function Report() {
  const { t } = useTranslation("reports");
  const { report } = useLoaderData<typeof loader>();
  const title = t("report.page_title", { year: report.year });
  const pending = report.status === "queued" || report.status === "running";
  return (
    <div className="page narrow reports-page">
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      <div role="status" className="report-progress">
        <p>
          <strong>{t(`report.status.${report.status}`)}</strong>
          {report.step ? ` — ${t(`report.steps.${report.step}`)}` : null}
        </p>
        <label htmlFor="report-progress">{t("report.progress")}</label>
        <progress id="report-progress" max={100} value={report.progress}>
          {report.progress} %
        </progress>
      </div>
      {pending ? (
        <>
          <p>{t("report.refresh_hint")}</p>
          <p>
            <a className="button secondary" href={href("/rapports/:reportId", { reportId: report.id })}>
              {t("report.refresh_link")}
            </a>
          </p>
        </>
      ) : null}
      {report.status === "done" ? (
        <ul className="downloads">
          <li>
            <a className="button primary" href={href("/rapports/:reportId/:file", { reportId: report.id, file: `evaluation-${report.year}.pdf` })}>
              {t("report.download_pdf", { year: report.year, pages: report.pageCount ?? "?" })}
            </a>
          </li>
          <li>
            <a className="button secondary" href={href("/rapports/:reportId/:file", { reportId: report.id, file: `evaluation-${report.year}.csv` })}>
              {t("report.download_csv", { year: report.year })}
            </a>
          </li>
        </ul>
      ) : null}
      {report.status === "failed" ? (
        <div className="alert error" role="alert">
          <p>{t("report.failed", { error: report.error ?? "" })}</p>
        </div>
      ) : null}
      <p>
        <a href={href("/rapports")}>{t("report.back")}</a>
      </p>
    </div>
  );
}
