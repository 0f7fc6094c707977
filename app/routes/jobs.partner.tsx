import { href, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/jobs.partner";
import { PageTitle } from "../components/ui/page-title";
import { PhoneLink } from "../components/ui/phone-link";
import { OfferList } from "../features/jobs/components/offers/offer-list";
import { listPublishedOffers } from "../features/jobs/offers.server";
import { getPublicPartner } from "../features/jobs/partners.server";
import { dbContext } from "../lib/context";
import { useTranslation } from "../lib/use-translation";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, params }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  const partner = await getPublicPartner(db, params.slug);
  return {
    partner,
    offers: await listPublishedOffers(db, { partnerId: partner.id }),
  };
}

export default function Partner() {
  const { t } = useTranslation("jobs");
  const { partner, offers } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{partner.name}</PageTitle>
      <p>
        <Link to={href("/partenaires")}>{t("partners.back")}</Link>
      </p>
      <h1>{partner.name}</h1>
      <p className="lead">
        {t(`kinds.${partner.kind}`)} — {t(`sectors.${partner.sector}`, { defaultValue: partner.sector })} — {partner.commune}
        {partner.business_zone ? ` (${t("offer.zone", { zone: partner.business_zone })})` : null}
      </p>
      {partner.description ? <p className="offer-description">{partner.description}</p> : null}
      {partner.website || partner.contact_email || partner.contact_phone ? (
        <>
          <h2>{t("partners.contact")}</h2>
          <ul>
            {partner.website ? (
              <li>
                <a href={partner.website} rel="noopener noreferrer">
                  {t("partners.website")}
                </a>
              </li>
            ) : null}
            {partner.contact_email ? (
              <li>
                <a href={`mailto:${partner.contact_email}`}>{partner.contact_email}</a>
              </li>
            ) : null}
            {partner.contact_phone ? (
              <li>
                <PhoneLink phone={partner.contact_phone} />
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
      <h2>{t("partners.offers_title")}</h2>
      {offers.length ? <OfferList offers={offers} showPartner={false} headingLevel={3} /> : <p>{t("partners.no_offers")}</p>}
    </div>
  );
}
