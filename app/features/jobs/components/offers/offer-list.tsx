import type { TFunction } from "i18next";
import { href, Link } from "react-router";
import { formatDate } from "../../../../lib/i18n";
import { useTranslation } from "../../../../lib/use-translation";
import type { OfferView } from "../../offers.server";

/** An offer's contract in words: « CDD · 6 mois · Temps partiel ». */
export function contractWords(offer: Pick<OfferView, "contract" | "durationMonths" | "workingTime" | "hoursPerWeek">, t: TFunction) {
  return [
    t(`jobs:contracts.${offer.contract}`),
    offer.durationMonths ? t("jobs:offer.duration", { count: offer.durationMonths }) : null,
    t(`jobs:working_times.${offer.workingTime}`),
    offer.hoursPerWeek ? t("jobs:offer.hours", { count: offer.hoursPerWeek }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** Cards of published offers: the public list and a partner's page. */
export function OfferList({ offers, showPartner = true, headingLevel = 2 }: { offers: OfferView[]; showPartner?: boolean; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation("jobs");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="cards offer-cards">
      {offers.map((o) => (
        <li key={o.id} className="card">
          <Heading className="card-title">
            <Link to={href("/emplois/:id", { id: o.id })}>{o.title}</Link>
          </Heading>
          {showPartner ? <p>{o.partnerName}</p> : null}
          <p>
            {o.commune}
            {o.businessZone ? ` (${t("offer.zone", { zone: o.businessZone })})` : null}
          </p>
          <p>
            {t(`sectors.${o.sector}`)} — {contractWords(o, t)}
          </p>
          {o.noDiploma ? (
            <p className="tags">
              <span className="tag">{t("offer.no_diploma")}</span>
            </p>
          ) : null}
          <p className="hint">
            {t("offer.expires_on", {
              date: formatDate(o.expiresOn, i18n.language),
            })}
          </p>
        </li>
      ))}
    </ul>
  );
}
