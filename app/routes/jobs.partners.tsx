import { href, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/jobs.partners";
import { PageTitle } from "../components/ui/page-title";
import { listPublicPartners } from "../features/jobs/partners.server";
import { dbContext } from "../lib/context";
import { useTranslation } from "../lib/use-translation";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context }: Route.LoaderArgs) {
  return { partners: await listPublicPartners(context.get(dbContext)) };
}

export default function Partners() {
  const { t } = useTranslation("jobs");
  const { partners } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{t("partners.title")}</PageTitle>
      <h1>{t("partners.title")}</h1>
      <p className="lead">{t("partners.intro")}</p>
      {partners.length === 0 ? <p>{t("partners.empty")}</p> : null}
      <ul className="cards">
        {partners.map((p) => (
          <li key={p.id} className="card">
            <h2 className="card-title">
              <Link to={href("/partenaires/:slug", { slug: p.slug })}>{p.name}</Link>
            </h2>
            <p>
              {t(`kinds.${p.kind}`)} — {t(`sectors.${p.sector}`, { defaultValue: p.sector })}
            </p>
            <p>{p.commune}</p>
            <p>{t("partners.offers", { count: p.offers })}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
