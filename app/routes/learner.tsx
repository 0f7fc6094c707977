import { useTranslation } from "../lib/use-translation";
import { href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/learner";
import { PageTitle } from "../components/ui/page-title";
import { safeRedirect } from "../features/accounts/schemas";
import { recordCardConsent, revokeAccessCard } from "../features/mediation/access-card.server";
import { CardSection } from "../features/mediation/components/card-section";
import { getLearnerFile } from "../features/mediation/learners.server";
import { LearnerFileSchema } from "../features/mediation/schemas";
import { RecordSections } from "../features/record/components/record-sections";
import { loadRecordOfLearner } from "../features/record/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate, formatDateTime } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  const [file, record] = await Promise.all([
    getLearnerFile(db, actor, params.id),
    loadRecordOfLearner(db, actor, params.id),
  ]);
  return { ...file, record };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, LearnerFileSchema, async (value) => {
    if (value.intent === "revoke") {
      await revokeAccessCard(db, actor, params.id);
      return redirect(`${href("/accompagnement/personnes/:id", { id: params.id })}?carte=desactivee`);
    }
    await recordCardConsent(db, actor, params.id, value);
  });
}

export default function LearnerFile() {
  const { t, i18n } = useTranslation("mediation");
  const { learner, consents, card, canManageCard, cardNeedsConsent, cardConsents, record } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const name = [learner.firstName, learner.lastName].filter(Boolean).join(" ");
  const back = params.get("retour");
  return (
    <div className="page">
      <PageTitle>{name}</PageTitle>
      <p>
        <a href={href("/accompagnement/personnes")}>{t("learner.back")}</a>
      </p>
      <h1>{name}</h1>
      {params.has("cree") ? (
        <div className="alert success" role="status">
          <p>{t("learner.created", { name: learner.firstName })}</p>
          {back ? (
            <p>
              <a href={safeRedirect(back)}>{t("learner.back_to_workshop")}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      {params.get("carte") === "desactivee" ? (
        <div className="alert success" role="status">
          <p>{t("learner.card_revoked")}</p>
        </div>
      ) : null}
      <dl className="details">
        <dt>{t("fields.age_band")}</dt>
        <dd>{learner.ageBand ? t(`vocab.tranche_age.${learner.ageBand}`) : "—"}</dd>
        <dt>{t("fields.commune")}</dt>
        <dd>{learner.commune ?? "—"}</dd>
        <dt>{t("fields.audience")}</dt>
        <dd>{learner.audience ? t(`vocab.audience.${learner.audience}`) : "—"}</dd>
        <dt>{t("learner.email")}</dt>
        <dd>{learner.email ?? t("learner.no_email")}</dd>
        <dt>{t("learner.created_at")}</dt>
        <dd>{formatDate(learner.createdAt, i18n.language)}</dd>
      </dl>

      <CardSection
        learnerId={learner.id}
        card={card}
        canManageCard={canManageCard}
        cardNeedsConsent={cardNeedsConsent}
        cardConsents={cardConsents}
      />

      <RecordSections record={record} own={false} />
      <p>
        <a href={`${href("/emplois/mon-projet")}?personne=${learner.id}`}>{t("jobseekers:project.title_for", { name: learner.firstName })}</a>
      </p>

      <section aria-labelledby="consent-heading">
        <h2 id="consent-heading">{t("learner.consents")}</h2>
        {consents.length === 0 ? (
          <p>{t("learner.no_consent")}</p>
        ) : (
          <ul>
            {consents.map((c) => (
              <li key={c.id}>
                {t("learner.consent_line", {
                  date: formatDateTime(c.recorded_at, i18n.language),
                  by: [c.recorder_first_name, c.recorder_last_name].filter(Boolean).join(" ") || "—",
                  who: c.given_by === "personne" ? t("new_learner.given_by_person") : `${t("new_learner.given_by_representative")} (${c.representative_name})`,
                })}
                <ul>
                  {c.explained.map((p) => (
                    <li key={p}>{t(`vocab.consent.${p}`)}</li>
                  ))}
                </ul>
                {c.notes ? <p>{c.notes}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
