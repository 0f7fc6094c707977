import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/workshops";
import { FilterDate, FilterForm, FilterSelect } from "../components/ui/filters";
import { PageTitle } from "../components/ui/page-title";
import { Pagination } from "../components/ui/pagination";
import { THEMES, codes } from "../features/mediation/vocabulary";
import { WorkshopList } from "../features/workshops/components/workshop-list";
import { REMOTE, WorkshopListFilterSchema } from "../features/workshops/schemas";
import { listPublicWorkshops } from "../features/workshops/service.server";
import { dbContext } from "../lib/context";
import { pageParam } from "../lib/ids";
import { can } from "../lib/permissions";
import type { RootLoaderData } from "../root";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const filters = WorkshopListFilterSchema.parse(Object.fromEntries(url.searchParams));
  const result = await listPublicWorkshops(context.get(dbContext), filters, pageParam(url));
  return { ...result, filters };
}

export default function Workshops() {
  const { t } = useTranslation("workshops");
  const { workshops, spaces, filters, total, page, pageCount } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<RootLoaderData>("root");
  return (
    <div className="page">
      <PageTitle>{t("list.title")}</PageTitle>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      {can(root?.user, "create:workshop:own") ? (
        <p className="actions">
          <a className="button primary" href={href("/ateliers/nouveau")}>
            {t("list.schedule")}
          </a>
        </p>
      ) : null}
      <FilterForm label={t("list.filters")} apply={t("list.apply")}>
        <FilterDate name="from" label={t("list.from")} value={filters.from} />
        <FilterSelect
          name="place"
          label={t("list.place")}
          anyLabel={t("list.all_places")}
          value={filters.place}
          options={[...spaces.map((s) => ({ value: s.id, label: `${s.name} (${s.commune})` })), { value: REMOTE, label: t("remote") }]}
        />
        <FilterSelect
          name="theme"
          label={t("list.theme")}
          anyLabel={t("list.all_themes")}
          value={filters.theme}
          options={codes(THEMES).map((c) => ({ value: c, label: t(`mediation:vocab.thematique.${c}`) }))}
        />
      </FilterForm>
      <p role="status">{t("list.count", { count: total })}</p>
      {workshops.length > 0 ? <WorkshopList workshops={workshops} /> : <p>{t("list.none")}</p>}
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}
