import { useTranslation } from "../lib/use-translation";
import { data, Form, href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/dashboard";
import { PageTitle } from "../components/ui/page-title";
import { ChartFigure } from "../features/reports/components/chart-figure";
import { DashboardFilters } from "../features/reports/components/dashboard-filters";
import { FigureList } from "../features/reports/components/figures";
import { StaleSources } from "../features/reports/components/stale-sources";
import { monthLabel } from "../features/reports/compute.server";
import { refreshNow, showDashboard } from "../features/reports/service.server";
import { refreshRequest } from "../features/reports/schemas";
import { JobsEvaluation } from "../features/jobs/components/seekers/jobs-evaluation";
import { getJobsEvaluation } from "../features/jobs/evaluation.server";
import { monthsOf } from "../features/reports/period";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDateTime } from "../lib/i18n";
import { getLocale, serverT } from "../lib/i18n.server";
import { requireUser } from "../lib/session.server";
import css from "../styles/reports.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

const FILTERS = ["debut", "fin", "lieu", "commune", "public"] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const locale = getLocale(context) === "en" ? "en" : "fr";
  const url = new URL(request.url);
  const { dashboard, errors, raw, warnings } = await showDashboard(context.get(dbContext), actor, url.searchParams, { t: serverT(locale), locale });
  const query = new URLSearchParams();
  if (!errors) for (const key of FILTERS) if (raw[key]) query.set(key, raw[key]!);
  const labels = {
    from: monthLabel(dashboard.period.from, locale),
    to: monthLabel(dashboard.period.to, locale),
    previousFrom: monthLabel(dashboard.previous.from, locale),
    previousTo: monthLabel(dashboard.previous.to, locale),
  };
  const values = errors ? { debut: dashboard.period.from, fin: dashboard.period.to } : { ...raw, debut: dashboard.period.from, fin: dashboard.period.to };
  // Axis III.4 (issue 20): read live and protected by statistical secrecy, unlike the rest of the page.
  const jobs = await getJobsEvaluation(context.get(dbContext), actor, dashboard.period);
  const jobMonths = Object.fromEntries(monthsOf(dashboard.period).map((m) => [m, monthLabel(m, locale)]));
  return data({ dashboard, warnings, errors, query: query.toString(), labels, values, jobs, jobMonths }, { status: errors ? 400 : 200 });
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  return handleForm(request, refreshRequest, async () => {
    await refreshNow(context.get(dbContext), actor);
    return redirect(`${href("/tableau-de-bord")}${new URL(request.url).search}`);
  });
}

export default function Dashboard() {
  const { t, i18n } = useTranslation("reports");
  const { dashboard, warnings, errors, query, labels, values, jobs, jobMonths } = useLoaderData<typeof loader>();
  const suffix = query ? `?${query}` : "";
  return (
    <div className="page reports-page">
      <PageTitle>{t("title")}</PageTitle>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      {errors ? (
        <div className="alert error" role="alert">
          <p>{t("errors.invalid_filters")}</p>
        </div>
      ) : null}
      <StaleSources warnings={warnings} />
      <DashboardFilters values={values} options={dashboard.options} errors={errors} />
      <div className="report-status">
        <p>{t("period", labels)}</p>
        <p>
          {dashboard.updatedAt ? t("updated", { date: formatDateTime(dashboard.updatedAt, i18n.language) }) : t("never_updated")}
        </p>
        {dashboard.missingSources.length ? (
          <p>{t("missing_sources", { list: dashboard.missingSources.map((s) => t(`sources.${s}`)).join(", ") })}</p>
        ) : null}
        <div className="actions">
          <Form method="post" action={`${href("/tableau-de-bord")}${suffix}`}>
            <button type="submit" className="button secondary">
              {t("refresh")}
            </button>
          </Form>
          <a className="button secondary" href={`${href("/tableau-de-bord/export/:table", { table: "indicateurs.csv" })}${suffix}`} download>
            {t("download_all")}
          </a>
          <a className="button secondary" href={href("/rapports")}>
            {t("go_reports")}
          </a>
        </div>
      </div>
      <nav aria-labelledby="toc-title" className="report-toc">
        <h2 id="toc-title">{t("toc")}</h2>
        <ul>
          {dashboard.axes.map((axis) => (
            <li key={axis.id}>
              <a href={`#${axis.id}`}>{t(`axes.${axis.id}.title`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {dashboard.axes.map((axis) => (
        <section key={axis.id} id={axis.id} aria-labelledby={`${axis.id}-title`} className="report-axis">
          <h2 id={`${axis.id}-title`}>{t(`axes.${axis.id}.title`)}</h2>
          {axis.sections.map((section) => (
            <section key={section.id} aria-labelledby={`${section.id}-title`} className="report-section">
              <h3 id={`${section.id}-title`}>
                <span className="ref">{section.ref}</span> {t(`sections.${section.id}.title`)}
              </h3>
              <p className="hint">{t(`sections.${section.id}.description`)}</p>
              <FigureList figures={section.figures} />
              {section.charts.map((chart) => (
                <ChartFigure key={chart.id} chart={chart} csvHref={`${href("/tableau-de-bord/export/:table", { table: `${chart.id}.csv` })}${suffix}`} />
              ))}
              {section.id === "employment" ? <JobsEvaluation tables={jobs} monthLabels={jobMonths} /> : null}
            </section>
          ))}
        </section>
      ))}
    </div>
  );
}
