import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/access-cards";
import { PageTitle } from "../components/ui/page-title";
import { Pagination } from "../components/ui/pagination";
import { TableScroll } from "../components/ui/table-scroll";
import { listAccessCards } from "../features/mediation/access-card.server";
import { dbContext } from "../lib/context";
import { formatDateTime } from "../lib/i18n";
import { pageParam } from "../lib/ids";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

/** Every access card issued, by whom and what became of it: the coordinators' watch over cards (decision 036). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  return listAccessCards(context.get(dbContext), actor, pageParam(new URL(request.url)));
}

const fullName = (first: string | null, last: string | null) => [first, last].filter(Boolean).join(" ");

export default function AccessCards() {
  const { t, i18n } = useTranslation("mediation");
  const { cards, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{t("cards.title")}</PageTitle>
      <h1>{t("cards.title")}</h1>
      <p>{t("cards.intro")}</p>
      <p role="status">{t("cards.count", { count: total })}</p>
      <TableScroll label={t("cards.title")}>
        <table className="data-table">
          <caption className="visually-hidden">{t("cards.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cards.person")}</th>
              <th scope="col">{t("cards.issued_by")}</th>
              <th scope="col">{t("cards.issued_at")}</th>
              <th scope="col">{t("cards.basis")}</th>
              <th scope="col">{t("cards.state")}</th>
            </tr>
          </thead>
          <tbody>
            {cards.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={href("/accompagnement/personnes/:id", { id: c.holder_id })}>{fullName(c.holder_first_name, c.holder_last_name)}</a>
                </td>
                <td>{fullName(c.issuer_first_name, c.issuer_last_name) || t("cards.unknown")}</td>
                <td>{formatDateTime(c.issued_at, i18n.language)}</td>
                <td>{c.consent_id ? t("cards.basis_consent") : t("cards.basis_no_sign_in")}</td>
                <td>
                  {c.revoked_at
                    ? t("cards.revoked", { date: formatDateTime(c.revoked_at, i18n.language), by: fullName(c.revoker_first_name, c.revoker_last_name) || t("cards.unknown") })
                    : c.last_used_at
                      ? t("cards.active_used", { date: formatDateTime(c.last_used_at, i18n.language) })
                      : t("cards.active_unused")}
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
