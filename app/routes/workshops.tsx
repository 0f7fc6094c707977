import { useTranslation } from "../lib/use-translation";
import { Form, href, useLoaderData, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/workshops";
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
      <Form method="get" className="filters" aria-label={t("list.filters")}>
        <div className="field">
          <label htmlFor="f-from">{t("list.from")}</label>
          <input id="f-from" type="date" name="from" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-place">{t("list.place")}</label>
          <select id="f-place" name="place" defaultValue={filters.place ?? ""}>
            <option value="">{t("list.all_places")}</option>
            {spaces.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.commune})
              </option>
            ))}
            <option value={REMOTE}>{t("remote")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-theme">{t("list.theme")}</label>
          <select id="f-theme" name="theme" defaultValue={filters.theme ?? ""}>
            <option value="">{t("list.all_themes")}</option>
            {codes(THEMES).map((c) => (
              <option key={c} value={c}>
                {t(`mediation:vocab.thematique.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary">
          {t("list.apply")}
        </button>
      </Form>
      <p role="status">{t("list.count", { count: total })}</p>
      {workshops.length > 0 ? <WorkshopList workshops={workshops} /> : <p>{t("list.none")}</p>}
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}
