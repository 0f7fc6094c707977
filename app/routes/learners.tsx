import { can } from "../lib/permissions";
import { useTranslation } from "../lib/use-translation";
import { Form, href, useLoaderData } from "react-router";
import type { Route } from "./+types/learners";
import { PageTitle } from "../components/ui/page-title";
import { Pagination } from "../components/ui/pagination";
import { TableScroll } from "../components/ui/table-scroll";
import { listHelpedLearners } from "../features/mediation/learners.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { pageParam } from "../lib/ids";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const url = new URL(request.url);
  const search = url.searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const result = await listHelpedLearners(context.get(dbContext), actor, { search, page: pageParam(url) });
  return { ...result, search: search ?? "", seeAll: can(actor, "read:learner:any") };
}

export default function Learners() {
  const { t, i18n } = useTranslation("mediation");
  const { learners, total, page, pageCount, search, seeAll } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{t("learners.title")}</PageTitle>
      <h1>{t("learners.title")}</h1>
      <p>{seeAll ? t("learners.intro_all") : t("learners.intro_mine")}</p>
      <p className="actions">
        <a className="button primary" href={href("/accompagnement/personnes/nouvelle")}>
          {t("learners.new")}
        </a>
        <a className="button secondary" href={href("/accompagnement/journal/nouveau")}>
          {t("log.new")}
        </a>
      </p>
      <Form method="get" role="search" className="search-form">
        <label htmlFor="learner-search">{t("learners.search_label")}</label>
        <input id="learner-search" type="search" name="q" defaultValue={search} />
        <button type="submit" className="button secondary">
          {t("learners.search_submit")}
        </button>
      </Form>
      <p role="status">{t("learners.count", { count: total })}</p>
      <TableScroll label={t("learners.title")}>
        <table className="data-table">
          <caption className="visually-hidden">{t("learners.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.name")}</th>
              <th scope="col">{t("fields.commune")}</th>
              <th scope="col">{t("fields.age_band")}</th>
              <th scope="col">{t("learners.access")}</th>
              <th scope="col">{t("learners.created_at")}</th>
            </tr>
          </thead>
          <tbody>
            {learners.map((l) => (
              <tr key={l.id}>
                <td>
                  <a href={href("/accompagnement/personnes/:id", { id: l.id })}>{[l.first_name, l.last_name].filter(Boolean).join(" ")}</a>
                </td>
                <td>{l.commune ?? ""}</td>
                <td>{l.age_band ? t(`vocab.tranche_age.${l.age_band}`) : ""}</td>
                <td>{l.email ? t("learners.has_email") : l.has_card ? t("learners.has_card") : t("learners.no_access")}</td>
                <td>{formatDate(l.created_at, i18n.language, { dateStyle: "medium" })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}
