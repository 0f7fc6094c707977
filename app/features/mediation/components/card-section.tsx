import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../../../lib/use-translation";
import type { z } from "zod";
import { Form, href } from "react-router";
import { ActionMessage, useActionReply } from "../../../components/ui/action-reply";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { FormField } from "../../../components/ui/form-field";
import { formatDate, formatDateTime } from "../../../lib/i18n";
import type { CardConsentSchema } from "../schemas";
import { CARD_CONSENT_POINTS, codes } from "../vocabulary";
import { ChoiceGroup, TextAreaField } from "./choices";

interface CardConsent {
  id: string;
  recorded_at: Date | string;
  recorder_first_name: string | null;
  recorder_last_name: string | null;
  given_by: "personne" | "representant_legal";
  representative_name: string | null;
}

interface Props {
  learnerId: string;
  card: { issuedAt: Date | string; lastUsedAt: Date | string | null } | null;
  canManageCard: boolean;
  /** The account has its own address or password and no agreement to a card (decision 036). */
  cardNeedsConsent: boolean;
  cardConsents: CardConsent[];
}

/** The person's access card: its state, print / disable, and the agreement a card needs when they sign in on their own. */
export function CardSection({ learnerId, card, canManageCard, cardNeedsConsent, cardConsents }: Props) {
  const { t, i18n } = useTranslation("mediation");
  const consentReply = useActionReply("card_consent");
  return (
    <section aria-labelledby="card-heading">
      <h2 id="card-heading">{t("learner.card")}</h2>
      <p>
        {card
          ? t("learner.card_active", {
              date: formatDate(card.issuedAt, i18n.language),
              used: card.lastUsedAt ? formatDateTime(card.lastUsedAt, i18n.language) : t("learner.never"),
            })
          : t("learner.no_card")}
      </p>
      <ActionMessage reply={consentReply?.status === "success" ? consentReply : undefined} okKey="mediation:card_consent.recorded" />
      {canManageCard && (!cardNeedsConsent || card) ? (
        <div className="actions">
          {cardNeedsConsent ? null : (
            <form method="post" action={href("/accompagnement/personnes/:id/carte", { id: learnerId })}>
              <button type="submit" className="button primary">
                {card ? t("learner.reissue_card") : t("learner.print_card")}
              </button>
            </form>
          )}
          {/* A card can always be disabled, agreement or not. */}
          {card ? (
            <Form method="post">
              <button type="submit" name="intent" value="revoke" className="button danger">
                {t("learner.revoke_card")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {canManageCard && cardNeedsConsent ? <CardConsentForm /> : null}
      <p className="hint">{t("learner.card_hint")}</p>
      {cardConsents.length > 0 ? (
        <>
          <h3>{t("card_consent.history")}</h3>
          <ul>
            {cardConsents.map((c) => (
              <li key={c.id}>
                {t("learner.consent_line", {
                  date: formatDateTime(c.recorded_at, i18n.language),
                  by: [c.recorder_first_name, c.recorder_last_name].filter(Boolean).join(" ") || "—",
                  who: c.given_by === "personne" ? t("new_learner.given_by_person") : `${t("new_learner.given_by_representative")} (${c.representative_name})`,
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** Works without JavaScript: a plain POST with intent=card_consent, answered on the same page. */
function CardConsentForm() {
  const { t } = useTranslation("mediation");
  const reply = useActionReply("card_consent");
  const [form, fields] = useForm<z.input<typeof CardConsentSchema>>({ lastResult: reply?.status === "success" ? undefined : reply, id: "card-consent", defaultValue: { givenBy: "personne" } });
  return (
    <div className="card-consent">
      <p>{t("card_consent.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="card_consent" />
        <ChoiceGroup
          field={fields.explained}
          legend={t("card_consent.explained")}
          required
          choices={codes(CARD_CONSENT_POINTS).map((c) => ({ value: c, label: t(`vocab.card_consent.${c}`) }))}
        />
        <ChoiceGroup
          field={fields.givenBy}
          type="radio"
          legend={t("new_learner.given_by")}
          required
          choices={[
            { value: "personne", label: t("new_learner.given_by_person") },
            { value: "representant_legal", label: t("new_learner.given_by_representative") },
          ]}
        />
        <FormField field={fields.representativeName} label={t("new_learner.representative_name")} />
        <TextAreaField field={fields.consentNotes} label={t("new_learner.consent_notes")} />
        <button type="submit" className="button primary">
          {t("card_consent.submit")}
        </button>
      </Form>
    </div>
  );
}
