import { useTranslation } from "../lib/use-translation";
import { Form, href, useLoaderData } from "react-router";
import type { Route } from "./+types/places";
import { PageTitle } from "../components/ui/page-title";
import { OpeningStatusText } from "../features/places/components/opening-status";
import { DirectoryFilterSchema } from "../features/places/schemas";
import { listDirectory } from "../features/places/service.server";
import { SERVICES, vocabKey } from "../features/places/vocabulary";
import { dbContext } from "../lib/context";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const filters = DirectoryFilterSchema.parse(Object.fromEntries(url.searchParams));
  const result = await listDirectory(context.get(dbContext), { ...filters, openNow: filters.openNow === "1" });
  return { ...result, filters };
}

export default function Places() {
  const { t } = useTranslation("places");
  const { spaces, communes, filters } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{t("directory.title")}</PageTitle>
      <h1>{t("directory.title")}</h1>
      <p className="lead">{t("directory.intro")}</p>
      <Form method="get" className="filters" aria-label={t("directory.filters")}>
        <div className="field">
          <label htmlFor="f-commune">{t("directory.commune")}</label>
          <select id="f-commune" name="commune" defaultValue={filters.commune ?? ""}>
            <option value="">{t("directory.all_communes")}</option>
            {communes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-service">{t("directory.service")}</label>
          <select id="f-service" name="service" defaultValue={filters.service ?? ""}>
            <option value="">{t("directory.all_services")}</option>
            {SERVICES.map((s) => (
              <option key={s.key} value={s.value}>
                {t(vocabKey("services", s.value))}
              </option>
            ))}
          </select>
        </div>
        <label className="choice">
          <input type="checkbox" name="openNow" value="1" defaultChecked={filters.openNow === "1"} /> {t("directory.open_now")}
        </label>
        <button type="submit" className="button primary">
          {t("directory.apply")}
        </button>
      </Form>
      <p role="status">{t("directory.count", { count: spaces.length })}</p>
      <ul className="cards place-cards">
        {spaces.map((s) => (
          <li key={s.id} className="card">
            <h2 className="card-title">
              <a href={href("/lieux/:slug", { slug: s.slug })}>{s.name}</a>
            </h2>
            <p>
              {s.address}, {s.postalCode} {s.commune}
            </p>
            <p>
              <OpeningStatusText status={s.status} />
            </p>
            {s.summary ? <p>{s.summary}</p> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
