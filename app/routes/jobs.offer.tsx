import { href, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/jobs.offer";
import { PageTitle } from "../components/ui/page-title";
import { OfferDetails } from "../features/jobs/components/offers/offer-details";
import { getOfferPage } from "../features/jobs/offers.server";
import { OfferMatch } from "../features/jobs/components/seekers/offer-match";
import { getOfferMatch } from "../features/jobs/matching.server";
import css from "../styles/jobseekers.css?url";
import { dbContext } from "../lib/context";
import { currentUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

/**
 * An offer's page. For a signed-in learner, part B's match (skills you have /
 * to learn, the path, « Je suis intéressé·e ») is shown under the details.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  const page = await getOfferPage(db, currentUser(context), params.id);
  // A signed-in learner's skills against the offer, and its path (part B, decision 046).
  const match = page.listed ? await getOfferMatch(db, currentUser(context), page.offer.id) : null;
  return { ...page, match };
}

export default function JobOffer() {
  const { t } = useTranslation("jobs");
  const { offer, listed, mayManage, match } = useLoaderData<typeof loader>();
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
      {match ? <OfferMatch match={match} /> : null}
      {mayManage && offer.status !== "filled" && offer.status !== "withdrawn" ? (
        <p>
          <Link to={href("/espace-partenaire/offres/:id", { id: offer.id })}>{t("offer.manage")}</Link>
        </p>
      ) : null}
    </div>
  );
}
