import { href, Link } from "react-router";
import { formatDate } from "../../../../lib/i18n";
import { useTranslation } from "../../../../lib/use-translation";
import { pixKey } from "../../../courses/vocabulary";
import type { OfferSkill } from "../../schemas-offers";
import type { OfferView } from "../../offers.server";
import { contractWords } from "./offer-list";

/** The skills an offer needs, by their PIX labels (and level when the partner said). */
export function SkillList({ skills }: { skills: OfferSkill[] }) {
  const { t } = useTranslation("jobs");
  if (skills.length === 0) return <p>{t("offer.skills_none")}</p>;
  return (
    <ul className="skill-list">
      {skills.map((s) => (
        <li key={s.competence}>
          {t(`courses:${pixKey(s.competence)}`)}
          {s.level ? ` (${t("offer.level", { level: s.level })})` : null}
        </li>
      ))}
    </ul>
  );
}

/** The offer's facts, its description, its skills and how to apply. */
export function OfferDetails({ offer }: { offer: OfferView }) {
  const { t, i18n } = useTranslation("jobs");
  return (
    <>
      <h2>{t("offer.details")}</h2>
      <dl className="offer-facts">
        <dt>{t("offer.by")}</dt>
        <dd>
          <Link to={href("/partenaires/:slug", { slug: offer.partnerSlug })}>{offer.partnerName}</Link>
        </dd>
        <dt>{t("offer.where")}</dt>
        <dd>
          {offer.commune}
          {offer.businessZone ? ` (${t("offer.zone", { zone: offer.businessZone })})` : null}
        </dd>
        <dt>{t("offer.sector")}</dt>
        <dd>{t(`sectors.${offer.sector}`)}</dd>
        <dt>{t("offer.contract")}</dt>
        <dd>{contractWords(offer, t)}</dd>
        {offer.startsOn ? (
          <>
            <dt>{t("edit.fields.starts_on")}</dt>
            <dd>{formatDate(offer.startsOn, i18n.language)}</dd>
          </>
        ) : null}
        {offer.noDiploma ? (
          <>
            <dt>{t("edit.fields.no_diploma")}</dt>
            <dd>{t("offer.yes")}</dd>
          </>
        ) : null}
      </dl>
      <p>
        {t("offer.expires_on", {
          date: formatDate(offer.expiresOn, i18n.language),
        })}
      </p>
      {offer.description ? <p className="offer-description">{offer.description}</p> : null}
      <h2>{t("offer.skills_heading")}</h2>
      <SkillList skills={offer.skills} />
      <h2>{t("offer.how_to_apply_heading")}</h2>
      <p className="offer-description">{offer.howToApply}</p>
    </>
  );
}
