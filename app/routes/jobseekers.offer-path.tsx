import { href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/jobseekers.offer-path";
import { useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { expressInterest } from "../features/jobs/applications.server";
import { OfferMatch } from "../features/jobs/components/seekers/offer-match";
import { followOfferPath, getOfferMatch, unfollowOfferPath } from "../features/jobs/matching.server";
import { OfferPathSchema } from "../features/jobs/schemas-seekers";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { notFound } from "../lib/errors";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";
import css from "../styles/jobseekers.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

/**
 * An offer's professional path for the signed-in learner (or a mediator with
 * `?personne=<id>`): what they have, what to learn, where to learn it. The
 * offer page shows the same component; its forms post here.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const learnerId = new URL(request.url).searchParams.get("personne") ?? undefined;
  const match = await getOfferMatch(context.get(dbContext), actor, params.id, learnerId);
  if (!match) throw notFound();
  return { match };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, OfferPathSchema, async (value) => {
    if (value.intent === "interest") await expressInterest(db, actor, params.id, value);
    else if (value.intent === "follow") await followOfferPath(db, actor, params.id, value.learnerId);
    else await unfollowOfferPath(db, actor, params.id, value.learnerId);
    const back = href("/emplois/:id/parcours", { id: params.id });
    return redirect(value.learnerId ? `${back}?personne=${encodeURIComponent(value.learnerId)}&fait=${value.intent}` : `${back}?fait=${value.intent}`);
  });
}

export default function OfferPath() {
  const { t } = useTranslation("jobseekers");
  const { match } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const title = t("path_page.title", { title: match.offer.title });
  return (
    <div className="page jobseekers-page">
      <PageTitle>{title}</PageTitle>
      <h1>{title}</h1>
      <p>{t("path_page.partner", { name: match.offer.partnerName })}</p>
      <OfferMatch match={match} replies={{ interest: useActionReply("interest"), follow: useActionReply("follow") }} done={params.get("fait")} />
    </div>
  );
}
