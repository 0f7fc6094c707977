import { href, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/jobs.offers";
import { PageTitle } from "../components/ui/page-title";
import { OfferFiltersForm } from "../features/jobs/components/offers/offer-filters";
import { OfferList } from "../features/jobs/components/offers/offer-list";
import { listOffersPage } from "../features/jobs/offers.server";
import { OfferFiltersSchema } from "../features/jobs/schemas-offers";
import { dbContext } from "../lib/context";
import { useTranslation } from "../lib/use-translation";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: workshopsCss },
  {
    rel: "alternate",
    type: "application/atom+xml",
    title: "Passerelle — offres d'emploi (Atom)",
    href: href("/emplois/flux.atom"),
  },
  {
    rel: "alternate",
    type: "application/rss+xml",
    title: "Passerelle — offres d'emploi (RSS)",
    href: href("/emplois/flux.rss"),
  },
];

export async function loader({ context, request }: Route.LoaderArgs) {
  const filters = OfferFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    ...(await listOffersPage(context.get(dbContext), filters)),
    filters,
  };
}

export default function JobOffers() {
  const { t } = useTranslation("jobs");
  const { offers, communes, filters } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{t("list.title")}</PageTitle>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      <p>
        <Link to={href("/partenaires")}>{t("list.partners")}</Link>
      </p>
      <OfferFiltersForm filters={filters} communes={communes} />
      <p role="status">{t("list.count", { count: offers.length })}</p>
      {offers.length ? <OfferList offers={offers} /> : <p>{t("list.empty")}</p>}
      <p>
        <a href={href("/emplois/flux.atom")} type="application/atom+xml">
          {t("list.feed")}
        </a>
      </p>
    </div>
  );
}
