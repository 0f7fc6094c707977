import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData, useLocation, useSearchParams } from "react-router";
import type { Route } from "./+types/activity-log";
import { FilterDate, FilterForm, FilterSelect } from "../components/ui/filters";
import { PageTitle } from "../components/ui/page-title";
import { Pagination } from "../components/ui/pagination";
import { TableScroll } from "../components/ui/table-scroll";
import { listActivityLog } from "../features/mediation/activity.server";
import { ActivityFilterSchema } from "../features/mediation/schemas";
import { ACTIVITY_TYPES, THEMES, codes } from "../features/mediation/vocabulary";
import { dbContext } from "../lib/context";
import { formatDate, formatNumber } from "../lib/i18n";
import { pageParam } from "../lib/ids";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const url = new URL(request.url);
  const filters = ActivityFilterSchema.parse(Object.fromEntries(url.searchParams));
  const result = await listActivityLog(context.get(dbContext), actor, filters, pageParam(url));
  return { ...result, filters };
}

type Totals = { individual: number; collective: number; minutes: number; people: number };

function TotalsRow({ label, totals }: { label: string; totals: Totals }) {
  const { t, i18n } = useTranslation("mediation");
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{formatNumber(totals.individual, i18n.language)}</td>
      <td>{formatNumber(totals.collective, i18n.language)}</td>
      <td>{formatNumber(totals.people, i18n.language)}</td>
      <td>{t("log.hours", { hours: formatNumber(totals.minutes / 60, i18n.language, { maximumFractionDigits: 1 }) })}</td>
    </tr>
  );
}

export default function ActivityLog() {
  const { t, i18n } = useTranslation("mediation");
  const { entries, totals, total, page, pageCount, seeAll, spaces, mediators, filters } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const location = useLocation();
  return (
    <div className="page">
      <PageTitle>{t("log.title")}</PageTitle>
      <h1>{seeAll ? t("log.title_all") : t("log.title")}</h1>
      {params.has("enregistre") ? (
        <div className="alert success" role="status">
          <p>{t("log.saved")}</p>
        </div>
      ) : null}
      <p className="actions">
        <a className="button primary" href={href("/accompagnement/journal/nouveau")}>
          {t("log.new")}
        </a>
        <a className="button secondary" href={`${href("/accompagnement/journal.csv")}${location.search}`}>
          {t("log.export")}
        </a>
      </p>

      <TableScroll label={t("log.totals")}>
        <table className="data-table totals">
          <caption>{t("log.totals")}</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">{t("log.individual")}</th>
              <th scope="col">{t("log.collective")}</th>
              <th scope="col">{t("log.people")}</th>
              <th scope="col">{t("log.time")}</th>
            </tr>
          </thead>
          <tbody>
            <TotalsRow label={t("log.this_month")} totals={totals.month} />
            <TotalsRow label={t("log.this_year")} totals={totals.year} />
            <TotalsRow label={t("log.selection")} totals={totals.filtered} />
          </tbody>
        </table>
      </TableScroll>

      <FilterForm label={t("log.filters")} apply={t("log.apply")}>
        {seeAll ? (
          <FilterSelect
            name="mediator"
            label={t("log.mediator")}
            anyLabel={t("log.all_mediators")}
            value={filters.mediator}
            options={mediators.map((m) => ({ value: m.id, label: [m.first_name, m.last_name].filter(Boolean).join(" ") }))}
          />
        ) : null}
        <FilterDate name="from" label={t("log.from")} value={filters.from} />
        <FilterDate name="to" label={t("log.to")} value={filters.to} />
        <FilterSelect
          name="type"
          label={t("fields.activity_type")}
          anyLabel={t("log.all")}
          value={filters.type}
          options={codes(ACTIVITY_TYPES).map((c) => ({ value: c, label: t(`vocab.type_activite.${c}`) }))}
        />
        <FilterSelect
          name="theme"
          label={t("log.theme")}
          anyLabel={t("log.all")}
          value={filters.theme}
          options={codes(THEMES).map((c) => ({ value: c, label: t(`vocab.thematique.${c}`) }))}
        />
        <FilterSelect
          name="space"
          label={t("fields.relay_space")}
          anyLabel={t("log.all")}
          value={filters.space}
          options={spaces.map((s) => ({ value: s.id, label: s.name }))}
        />
      </FilterForm>

      <p role="status">{t("log.count", { count: total })}</p>
      <TableScroll label={t("log.entries")}>
        <table className="data-table">
          <caption className="visually-hidden">{t("log.entries")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.date")}</th>
              {seeAll ? <th scope="col">{t("log.mediator")}</th> : null}
              <th scope="col">{t("fields.activity_type")}</th>
              <th scope="col">{t("fields.themes")}</th>
              <th scope="col">{t("log.place")}</th>
              <th scope="col">{t("log.people")}</th>
              <th scope="col">{t("log.entry")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDate(e.activity_date, i18n.language)}</td>
                {seeAll ? <td>{[e.mediator_first_name, e.mediator_last_name].filter(Boolean).join(" ")}</td> : null}
                <td>
                  {t(`vocab.type_activite.${e.activity_type}`)}, {t("fields.minutes", { count: e.duration_minutes })}
                </td>
                <td>{e.themes.map((c) => t(`vocab.thematique.${c}`)).join(", ")}</td>
                <td>{e.space_name ?? t(`vocab.type_lieu.${e.place_type}`)}</td>
                <td>
                  {e.people}
                  {e.beneficiaries.some((b) => b.name) ? (
                    <span className="people-names">
                      {" "}
                      ({e.beneficiaries
                        .map((b) => b.name)
                        .filter(Boolean)
                        .join(", ")}
                      )
                    </span>
                  ) : null}
                </td>
                <td>
                  <a href={href("/accompagnement/journal/:id", { id: e.id })}>
                    {e.needs_review ? t("log.review") : t("log.open")}
                    <span className="visually-hidden"> {formatDate(e.activity_date, i18n.language)}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}
