import { useTranslation } from "../lib/use-translation";
import { Form, href, Link, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/admin.users";
import { PageTitle } from "../components/ui/page-title";
import { Pagination } from "../components/ui/pagination";
import { TableScroll } from "../components/ui/table-scroll";
import { listUsersForAdmin } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { pageParam } from "../lib/ids";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const url = new URL(request.url);
  const search = url.searchParams.get("q")?.trim().slice(0, 100) || undefined;
  const result = await listUsersForAdmin(context.get(dbContext), actor, { search, page: pageParam(url) });
  return { ...result, search: search ?? "" };
}

export default function AdminUsers() {
  const { t, i18n } = useTranslation("admin");
  const { users, total, page, pageCount, search } = useLoaderData<typeof loader>();
  const deleted = useSearchParams()[0].get("fait") === "supprime";
  return (
    <div className="page">
      <PageTitle>{t("users.title")}</PageTitle>
      <h1>{t("users.title")}</h1>
      {deleted ? (
        <div className="alert success" role="status">
          <p>{t("user.done_deleted")}</p>
        </div>
      ) : null}
      <p>
        <Link to={href("/admin/utilisateurs/inviter")} className="button secondary">
          {t("users.invite")}
        </Link>
      </p>
      <Form method="get" role="search" className="search-form">
        <label htmlFor="user-search">{t("users.search_label")}</label>
        <input id="user-search" type="search" name="q" defaultValue={search} />
        <button type="submit" className="button secondary">
          {t("users.search_submit")}
        </button>
      </Form>
      <p>{t("users.count", { count: total })}</p>
      <TableScroll label={t("users.title")}>
        <table className="data-table">
          <caption className="visually-hidden">{t("users.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("users.name")}</th>
              <th scope="col">{t("users.contact")}</th>
              <th scope="col">{t("users.commune")}</th>
              <th scope="col">{t("users.role")}</th>
              <th scope="col">{t("users.created")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={href("/admin/utilisateurs/:userId", { userId: u.id })}>
                    {u.first_name} {u.last_name ?? ""}
                  </Link>
                  {u.disabled_at ? <> ({t("users.suspended")})</> : null}
                </td>
                <td>{u.email ?? (u.has_card ? t("users.card_holder") : t("users.no_email"))}</td>
                <td>{u.commune ?? t("users.no_commune")}</td>
                <td>{t(`accounts:roles.${u.role}`)}</td>
                <td>{formatDate(u.created_at, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}
