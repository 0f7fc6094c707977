import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/paths";
import { PageTitle } from "../components/ui/page-title";
import { readDiagnosticToken } from "../features/diagnostic/cookie.server";
import { listPathsOverview } from "../features/paths/service.server";
import { dbContext } from "../lib/context";
import { currentUser } from "../lib/session.server";
import css from "../styles/paths.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ request, context }: Route.LoaderArgs) {
  return listPathsOverview(context.get(dbContext), currentUser(context), await readDiagnosticToken(request));
}

export default function Paths() {
  const { t } = useTranslation("paths");
  const { paths, recommendedSlug, hasDiagnostic } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{t("list.title")}</PageTitle>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      <div className="callout">
        <p>{t("list.diagnostic_cta")}</p>
        <p className="actions">
          <a className="button primary" href={href("/diagnostic")}>
            {hasDiagnostic ? t("list.diagnostic_retake") : t("list.diagnostic_link")}
          </a>
          {hasDiagnostic ? <a href={href("/diagnostic/resultat")}>{t("list.diagnostic_result")}</a> : null}
        </p>
      </div>
      {paths.length ? (
        <ul className="cards path-cards">
          {paths.map((p) => (
            <li key={p.slug} className={`card${p.slug === recommendedSlug ? " recommended" : ""}`}>
              {p.slug === recommendedSlug ? <span className="tag strong">{t("list.recommended")}</span> : null}
              <h2>{p.title}</h2>
              <p className="hint">{t("list.for_audience", { audience: t(`audiences.${p.audience}`) })}</p>
              <p>{p.goal}</p>
              <p className="hint">{t("list.steps_count", { count: p.stepCount })}</p>
              {p.progress ? (
                <p>
                  <strong>
                    {p.progress.complete ? t("list.complete") : t("list.progress", { count: p.progress.requiredDone, total: p.progress.requiredCount })}
                  </strong>
                </p>
              ) : null}
              <p>
                <a href={href("/parcours/:slug", { slug: p.slug })}>{t("list.see", { title: p.title })}</a>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("list.empty")}</p>
      )}
      <p>
        {t("list.business_cta")} <a href={href("/diagnostic-entreprise")}>{t("list.business_link")}</a>
      </p>
    </div>
  );
}
