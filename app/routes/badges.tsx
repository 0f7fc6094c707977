import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/badges";
import { Pagination } from "../components/ui/pagination";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { VisibilitySchema } from "../features/badges/schemas";
import { listIssuedBadges, listMyBadges, setBadgeNameVisibility } from "../features/badges/service.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { getLocale } from "../lib/i18n.server";
import { pageParam } from "../lib/ids";
import { handleForm } from "../lib/actions.server";
import { can } from "../lib/permissions";
import { requireUser } from "../lib/session.server";
import css from "../styles/paths.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const mine = await listMyBadges(db, user);
  const issued = can(user, "revoke:badge:any") ? await listIssuedBadges(db, user, pageParam(new URL(request.url))) : null;
  return { ...mine, issued, locale: getLocale(context) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(request, VisibilitySchema, async (value) => {
    await setBadgeNameVisibility(context.get(dbContext), user, value.badgeId, value.showName === "on");
    return redirect(`${href("/badges")}?enregistre=1`);
  });
}

export default function Badges() {
  const { t } = useTranslation("badges");
  const { badges, minor, issued, locale } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <div className="page">
      <PageTitle>{t("mine.title")}</PageTitle>
      <h1>{t("mine.title")}</h1>
      <p className="lead">{t("mine.intro")}</p>
      {searchParams.has("enregistre") ? (
        <div className="alert success" role="status">
          <p>{t("mine.saved")}</p>
        </div>
      ) : null}
      {minor ? <p className="callout">{t("mine.minor_note")}</p> : null}
      {badges.length ? (
        <ul className="badge-list">
          {badges.map((b) => (
            <li key={b.id} className="card">
              <h2>{b.name}</h2>
              <p>{t("mine.issued_on", { date: formatDate(b.issuedAt, locale) })}</p>
              {b.revoked ? <p className="alert error">{t("mine.revoked")}</p> : null}
              <ul className="link-list">
                <li>
                  <a href={href("/badges/:id", { id: b.id })}>{t("mine.verify_page")}</a>
                </li>
                <li>
                  <a href={href("/badges/:id/certificat.pdf", { id: b.id })} download>
                    {t("mine.certificate")}
                  </a>
                </li>
                <li>
                  <a href={href("/badges/:id/badge.jwt", { id: b.id })} download>
                    {t("mine.download_jwt")}
                  </a>
                </li>
                <li>
                  <a href={href("/badges/:id/badge.json", { id: b.id })} download>
                    {t("mine.download_json")}
                  </a>
                </li>
              </ul>
              {!minor && !b.revoked ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="badgeId" value={b.id} />
                  <label className="choice">
                    <input type="checkbox" name="showName" value="on" defaultChecked={b.showName} aria-describedby={`show-name-hint-${b.id}`} />
                    {t("mine.show_name")}
                  </label>
                  <p className="hint" id={`show-name-hint-${b.id}`}>
                    {t("mine.show_name_hint")}
                  </p>
                  <button type="submit" className="button secondary">
                    {t("mine.save")}
                    <span className="visually-hidden"> — {b.name}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>
          {t("mine.empty")} <a href={href("/parcours")}>{t("mine.see_paths")}</a>
        </p>
      )}

      {issued ? (
        <section aria-labelledby="issued-heading">
          <h2 id="issued-heading">{t("issued.title")}</h2>
          <TableScroll label={t("issued.title")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("issued.col_badge")}</th>
                  <th scope="col">{t("issued.col_person")}</th>
                  <th scope="col">{t("issued.col_date")}</th>
                  <th scope="col">{t("issued.col_status")}</th>
                </tr>
              </thead>
              <tbody>
                {issued.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <a href={href("/badges/:id", { id: r.id })}>{r.achievement_name}</a>
                    </td>
                    <td>{[r.first_name, r.last_name].filter(Boolean).join(" ")}</td>
                    <td>{formatDate(r.issued_at, locale)}</td>
                    <td>{r.revoked_at ? t("issued.revoked") : t("issued.active")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination page={issued.page} pageCount={issued.pageCount} />
        </section>
      ) : null}
    </div>
  );
}
