import { useTranslation } from "../../../lib/use-translation";
import { IntentButton } from "../../../components/ui/intent-button";
import { ActionMessage, useActionReply } from "../../../components/ui/action-reply";
import { formatDate } from "../../../lib/i18n";

/**
 * « Je suis ce parcours » / « Je quitte ce parcours »: a plain form that
 * works before JavaScript loads; the choice is what « Mon suivi » lists.
 */
export function PathChoice({ chosenAt, locale }: { chosenAt: Date | string | null; locale: string }) {
  const { t } = useTranslation("paths");
  const chose = useActionReply("choose");
  const left = useActionReply("leave");
  return (
    <section aria-labelledby="choice-heading" className="path-choice">
      <h2 id="choice-heading">{t("choice.heading")}</h2>
      <ActionMessage reply={chose} okKey="paths:choice.chosen" />
      <ActionMessage reply={left} okKey="paths:choice.left" />
      {chosenAt ? (
        <>
          <p>{t("choice.following_since", { date: formatDate(chosenAt, locale) })}</p>
          <IntentButton intent="leave">
            {t("choice.leave")}
          </IntentButton>
        </>
      ) : (
        <>
          <p>{t("choice.why")}</p>
          <IntentButton intent="choose" variant="primary">
            {t("choice.choose")}
          </IntentButton>
        </>
      )}
    </section>
  );
}
