import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/diagnostic.result";
import { PageTitle } from "../components/ui/page-title";
import { readDiagnosticToken } from "../features/diagnostic/cookie.server";
import { ScoreChart } from "../features/diagnostic/components/score-chart";
import { getDiagnosticResult } from "../features/diagnostic/service.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { getLocale } from "../lib/i18n.server";
import { currentUser } from "../lib/session.server";
import css from "../styles/paths.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const result = await getDiagnosticResult(context.get(dbContext), currentUser(context), params.id, await readDiagnosticToken(request));
  return { result, locale: getLocale(context) };
}

export default function DiagnosticResult() {
  const { t } = useTranslation("diagnostic");
  const { result, locale } = useLoaderData<typeof loader>();
  const percent = (score: number) => Math.round(score * 100);
  const rec = result.recommended;
  const returnTo = rec ? href("/parcours/:slug", { slug: rec.slug }) : href("/diagnostic/resultat/:id", { id: result.id });
  return (
    <div className="page narrow">
      <PageTitle>{t("result.title")}</PageTitle>
      <h1>{t("result.title")}</h1>
      <p>{t("result.taken_on", { date: formatDate(result.createdAt, locale) })}</p>
      {result.mediatorName ? <p>{t("result.run_by", { learner: result.learnerName, mediator: result.mediatorName })}</p> : null}

      <section aria-labelledby="recommended-heading" className="callout">
        <h2 id="recommended-heading">{t("result.recommended_heading")}</h2>
        {rec ? (
          <>
            <p>
              <strong>{rec.title}</strong> — {rec.goal}
            </p>
            <p>{t(`result.reason_${result.recommendationReason}`)}</p>
            <p>{rec.startStep ? t("result.start_with", { step: rec.startStep.title }) : t("result.nothing_left")}</p>
            <p>
              <a className="button primary" href={href("/parcours/:slug", { slug: rec.slug })}>
                {t("result.see_path")}
              </a>
            </p>
          </>
        ) : (
          <p>{t("result.path_missing")}</p>
        )}
      </section>

      {rec?.skipped.length ? (
        <section aria-labelledby="skipped-heading">
          <h2 id="skipped-heading">{t("result.skipped_heading")}</h2>
          <p>{t("result.skipped_intro")}</p>
          <ul>
            {rec.skipped.map((s) => (
              <li key={s.key}>{s.title}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="levels-heading">
        <h2 id="levels-heading">{t("result.levels_heading")}</h2>
        <p>{t("result.levels_intro")}</p>
        <ScoreChart
          id="diagnostic-levels"
          title={t("result.chart_title")}
          description={t("result.chart_desc")}
          caption={t("result.table_caption")}
          headers={[t("result.col_domain"), t("result.col_score"), t("result.col_level")]}
          rows={result.domains.map((d) => ({
            label: t(`domains.${d.domain}`),
            percent: percent(d.score),
            valueText: t("result.percent", { value: percent(d.score) }),
            extra: [t(`levels.${d.level}`)],
          }))}
        />
      </section>

      {result.anonymous ? (
        <section aria-labelledby="keep-heading">
          <h2 id="keep-heading">{t("result.keep_heading")}</h2>
          <p>{t("result.keep_intro")}</p>
          <p className="actions">
            <a className="button primary" href={href("/inscription")}>
              {t("result.create_account")}
            </a>
            <a className="button secondary" href={`${href("/connexion")}?retour=${encodeURIComponent(returnTo)}`}>
              {t("result.sign_in")}
            </a>
          </p>
        </section>
      ) : null}
      <p>
        <a href={href("/diagnostic")}>{t("result.retake")}</a>
      </p>
    </div>
  );
}
