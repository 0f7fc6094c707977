import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/activity.results";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { activityResults } from "../features/h5p/results.server";
import { dbContext } from "../lib/context";
import { formatDate, formatNumber } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import h5pCss from "../styles/h5p.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: h5pCss }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return activityResults(context.get(dbContext), user, params.contentId);
}

export default function ActivityResults() {
  const { t, i18n } = useTranslation("h5p");
  const { content, rows } = useLoaderData<typeof loader>();
  const pct = (v: number | null) => (v === null ? "—" : formatNumber(v, i18n.language, { style: "percent" }));
  const title = t("results.title", { title: content.title });
  return (
    <div className="page">
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      <div className="results-actions">
        <a href={href("/activites/:contentId", { contentId: content.id })}>{t("results.back")}</a>
        <a className="button secondary" href={href("/activites/:contentId/resultats.csv", { contentId: content.id })} download>
          {t("results.csv_link")}
        </a>
      </div>
      <p>{t("results.count", { count: rows.length })}</p>
      {rows.length ? (
        <TableScroll label={title}>
          <table className="data-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("results.learner")}</th>
                <th scope="col">{t("results.attempts")}</th>
                <th scope="col">{t("results.best")}</th>
                <th scope="col">{t("results.last")}</th>
                <th scope="col">{t("results.success")}</th>
                <th scope="col">{t("results.last_at")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.userId}>
                  <th scope="row">
                    {r.firstName} {r.lastName ?? ""}
                  </th>
                  <td className="score-cell">{r.attempts}</td>
                  <td className="score-cell">{pct(r.best)}</td>
                  <td className="score-cell">{pct(r.last)}</td>
                  <td>{r.success === null ? "—" : t(r.success ? "results.yes" : "results.no")}</td>
                  <td>{formatDate(r.lastAt, i18n.language, { dateStyle: "medium", timeStyle: "short" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </div>
  );
}
