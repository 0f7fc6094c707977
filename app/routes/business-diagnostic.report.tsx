import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData, useLocation } from "react-router";
import type { Route } from "./+types/business-diagnostic.report";
import { PageTitle } from "../components/ui/page-title";
import { getBusinessReport, getOwnBusinessReport } from "../features/business-diagnostic/service.server";
import { requireUser } from "../lib/session.server";
import { ScoreChart } from "../features/diagnostic/components/score-chart";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { getLocale } from "../lib/i18n.server";
import css from "../styles/paths.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

// The address is the only key to the report: keep it out of search engines and referrers.
export const headers: Route.HeadersFunction = () => ({ "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer" });

/** By its secret link, or (`/mes-rapports/:id`) the signed-in owner's own report. */
export async function loader({ context, params, request }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  const report = "token" in params && params.token ? await getBusinessReport(db, params.token) : await getOwnBusinessReport(db, requireUser(context, request), String(params.id));
  return { report, locale: getLocale(context) };
}

export default function BusinessReport() {
  const { t } = useTranslation("business");
  const { report, locale } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  return (
    <div className="page narrow">
      <PageTitle>{t("report.title")}</PageTitle>
      <h1>{t("report.title")}</h1>
      {report.businessName ? <p>{t("report.for_business", { name: report.businessName })}</p> : null}
      <p>{t("report.made_on", { date: formatDate(report.createdAt, locale) })}</p>
      <p className="lead">
        <strong>{t("report.overall", { score: report.overall })}</strong>
      </p>
      <p className="actions no-print">
        <a className="button primary" href={`${pathname}/pdf`} download>
          {t("report.download_pdf")}
        </a>
      </p>
      <p className="hint">{t("report.keep_link")}</p>

      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">{t("report.chart_heading")}</h2>
        <ScoreChart
          id="business-axes"
          title={t("report.chart_title")}
          description={t("report.chart_desc")}
          caption={t("report.table_caption")}
          headers={[t("report.col_axis"), t("report.col_score"), t("report.col_rating")]}
          rows={report.axes.map((a) => ({
            label: t(`axes.${a.axis}`),
            percent: a.score,
            valueText: a.score === null ? t("report.not_relevant") : t("report.score_value", { score: a.score }),
            extra: [t(`report.ratings.${a.rating}`)],
          }))}
        />
      </section>

      <section aria-labelledby="advice-heading">
        <h2 id="advice-heading">{t("report.recommendations_heading")}</h2>
        {report.recommendations.length ? (
          <ol className="recommendations">
            {report.recommendations.map((r) => (
              <li key={r.questionId}>
                {r.urgent ? <span className="tag strong">{t("report.urgent")}</span> : null} <strong>{t(`axes.${r.axis}`)}</strong> —{" "}
                {t(`recommendations.${r.questionId}`)}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t("report.no_recommendations")}</p>
        )}
      </section>

      {report.path ? (
        <section aria-labelledby="path-heading" className="callout">
          <h2 id="path-heading">{t("report.path_heading")}</h2>
          <p>{t("report.path_intro", { title: report.path.title })}</p>
          <p>
            <a href={href("/parcours/:slug", { slug: report.path.slug })}>{t("report.path_link")}</a>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="coaching-heading" className="callout">
        <h2 id="coaching-heading">{t("report.coaching_heading")}</h2>
        <p>{t("report.coaching_intro")}</p>
        <p>
          <a className="button primary" href={report.coachingUrl}>
            {t("report.coaching_link")}
          </a>
        </p>
      </section>
      <p className="no-print">
        <a href={href("/diagnostic-entreprise")}>{t("report.retake")}</a>
      </p>
    </div>
  );
}
