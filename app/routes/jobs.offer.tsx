import { href, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/jobs.offer";
import { PageTitle } from "../components/ui/page-title";
import { OfferDetails } from "../features/jobs/components/offers/offer-details";
import { getOfferPage } from "../features/jobs/offers.server";
import { dbContext } from "../lib/context";
import { currentUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

/**
 * An offer's page. Part B (job seekers) plugs in here: its loader call next
 * to getOfferPage, and its component in the « offer-match » slot below
 * (skills you have / to learn, « Je suis intéressé·e »).
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  return getOfferPage(context.get(dbContext), currentUser(context), params.id);
}

export default function JobOffer() {
  const { t } = useTranslation("jobs");
  const { offer, listed, mayManage } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <PageTitle>{offer.title}</PageTitle>
      <p>
        <Link to={href("/emplois")}>{t("offer.back")}</Link>
      </p>
      <h1>{offer.title}</h1>
      {!listed ? (
        <div className="alert" role="note">
          <p>{t("offer.not_listed", { status: t(`statuses.${offer.status}`) })}</p>
          {offer.moderationNote ? <p>{t("offer.moderation_note", { note: offer.moderationNote })}</p> : null}
        </div>
      ) : null}
      <OfferDetails offer={offer} />
      {/* offer-match slot: part B renders the person's match and the interest button here. */}
      {mayManage && offer.status !== "filled" && offer.status !== "withdrawn" ? (
        <p>
          <Link to={href("/espace-partenaire/offres/:id", { id: offer.id })}>{t("offer.manage")}</Link>
        </p>
      ) : null}
    </div>
  );
}
