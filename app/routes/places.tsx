import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/places";
import { FilterCheckbox, FilterForm, FilterSelect } from "../components/ui/filters";
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
      <FilterForm label={t("directory.filters")} apply={t("directory.apply")}>
        <FilterSelect
          name="commune"
          label={t("directory.commune")}
          anyLabel={t("directory.all_communes")}
          value={filters.commune}
          options={communes.map((c) => ({ value: c, label: c }))}
        />
        <FilterSelect
          name="service"
          label={t("directory.service")}
          anyLabel={t("directory.all_services")}
          value={filters.service}
          options={SERVICES.map((s) => ({ value: s.value, label: t(vocabKey("services", s.value)) }))}
        />
        <FilterCheckbox name="openNow" label={t("directory.open_now")} checked={filters.openNow === "1"} />
      </FilterForm>
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
