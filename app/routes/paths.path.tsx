import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/paths.path";
import { PageTitle } from "../components/ui/page-title";
import { readDiagnosticToken } from "../features/diagnostic/cookie.server";
import { BusinessDiagnosticCallout } from "../features/paths/components/business-diagnostic-callout";
import { PathChoice } from "../features/paths/components/path-choice";
import { PathStepItem } from "../features/paths/components/path-step";
import { choosePath, leavePath } from "../features/paths/choices.server";
import { PathChoiceSchema } from "../features/paths/schemas";
import { getPathPage } from "../features/paths/service.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { getLocale } from "../lib/i18n.server";
import { handleForm } from "../lib/actions.server";
import { currentUser, requireUser } from "../lib/session.server";
import css from "../styles/paths.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const page = await getPathPage(context.get(dbContext), currentUser(context), params.slug, {
    anonymousToken: await readDiagnosticToken(request),
  });
  return { page, locale: getLocale(context) };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, PathChoiceSchema, async ({ intent }) => {
    await (intent === "choose" ? choosePath(db, user, params.slug) : leavePath(db, user, params.slug));
    return null;
  });
}

export default function PathPage() {
  const { t } = useTranslation("paths");
  const { page, locale } = useLoaderData<typeof loader>();
  const { progress, diagnostic } = page;
  return (
    <div className="page narrow">
      <PageTitle>{page.title}</PageTitle>
      <p className="hint">{t("page.for_audience", { audience: t(`audiences.${page.audience}`) })}</p>
      <h1>{page.title}</h1>
      <p className="lead">
        <strong>{t("page.goal")}</strong> {page.goal}
      </p>
      {page.summary.map((p, i) => (
        <p key={i}>{p}</p>
      ))}

      {page.badge ? (
        <div className={`alert ${page.badge.revoked ? "error" : "success"}`} role="status">
          <p>{page.badge.revoked ? t("page.badge_revoked") : t("page.badge_earned", { name: page.badge.name })}</p>
          {!page.badge.revoked ? (
            <p>
              <a href={href("/badges/:id", { id: page.badge.id })}>{t("page.see_badge")}</a>
            </p>
          ) : null}
        </div>
      ) : null}

      {page.forBusiness ? (
        <BusinessDiagnosticCallout diagnostic={page.businessDiagnostic} locale={locale} />
      ) : (
        <section aria-labelledby="diagnostic-heading" className="callout">
          <h2 id="diagnostic-heading" className="visually-hidden">
            {t("page.diagnostic_see")}
          </h2>
          {diagnostic ? (
            <>
              <p>
                {diagnostic.recommendsThis
                  ? t("page.diagnostic_recommends", { date: formatDate(diagnostic.date, locale) })
                  : t("page.diagnostic_elsewhere", { date: formatDate(diagnostic.date, locale) })}
              </p>
              {progress.skippedCount ? <p>{t("page.diagnostic_skipped", { count: progress.skippedCount })}</p> : null}
              <p>
                <a href={href("/diagnostic/resultat/:id", { id: diagnostic.id })}>{t("page.diagnostic_see")}</a>
              </p>
            </>
          ) : (
            <p>
              {t("page.no_diagnostic")} <a href={href("/diagnostic")}>{t("list.diagnostic_link")}</a>
            </p>
          )}
          {!page.signedIn ? (
            <p>
              {diagnostic ? t("page.anonymous_kept") : t("page.sign_in_to_track")}{" "}
              <a href={`${href("/connexion")}?retour=${encodeURIComponent(href("/parcours/:slug", { slug: page.slug }))}`}>{t("common:account.sign_in")}</a>
              {" · "}
              <a href={href("/inscription")}>{t("common:account.sign_up")}</a>
            </p>
          ) : null}
        </section>
      )}

      {page.signedIn ? <PathChoice chosenAt={page.chosenAt} locale={locale} /> : null}

      {page.signedIn ? (
        <div className="path-progress">
          <label htmlFor="path-progress">{t("page.progress_label")}</label>
          <progress id="path-progress" max={progress.requiredCount} value={progress.requiredDone}>
            {t("page.progress", { count: progress.requiredDone, total: progress.requiredCount })}
          </progress>
          <span>{t("page.progress", { count: progress.requiredDone, total: progress.requiredCount })}</span>
          {progress.settled && !progress.complete ? <p>{t("page.settled_not_complete")}</p> : null}
        </div>
      ) : null}

      <section aria-labelledby="next-heading">
        <h2 id="next-heading">{t("page.next_heading")}</h2>
        {progress.next ? (
          <p>
            <a className="button primary" href={`#${progress.next.anchor}`}>
              {t("page.go_to_step", { title: progress.next.title })}
            </a>
          </p>
        ) : (
          <p>{t("page.nothing_next")}</p>
        )}
      </section>

      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading">{t("page.steps_heading")}</h2>
        <ol className="path-steps">
          {page.steps.map((step, i) => (
            <PathStepItem key={step.key} step={step} number={i + 1} locale={locale} showClassLink={page.canLinkClasses} />
          ))}
        </ol>
      </section>
    </div>
  );
}
