import { href, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/jobs.partners-admin";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { listPartnersForAdmin } from "../features/jobs/partners.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { partners: await listPartnersForAdmin(context.get(dbContext), user) };
}

export default function PartnersAdmin() {
  const { t } = useTranslation("jobs");
  const { partners } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{t("admin.title")}</PageTitle>
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      <p>
        <Link to={href("/admin/partenaires/nouveau")} className="button primary">
          {t("admin.new")}
        </Link>{" "}
        <Link to={href("/admin/offres")}>{t("admin.moderation")}</Link>
      </p>
      <TableScroll label={t("admin.caption")}>
        <table className="data-table">
          <caption>{t("admin.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.kind")}</th>
              <th scope="col">{t("admin.commune")}</th>
              <th scope="col">{t("admin.staff")}</th>
              <th scope="col">{t("admin.pending")}</th>
            </tr>
          </thead>
          <tbody>
            {partners.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={href("/admin/partenaires/:id", { id: p.id })}>{p.name}</Link>
                  {p.archived ? ` (${t("admin.archived")})` : null}
                </th>
                <td>{t(`kinds.${p.kind}`)}</td>
                <td>{p.commune}</td>
                <td>{p.staff}</td>
                <td>{p.pending}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
