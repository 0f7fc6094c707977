import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/workshop.sheet";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { getSignInSheet } from "../features/workshops/checkin.server";
import { WorkshopWhen } from "../features/workshops/components/workshop-list";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  return getSignInSheet(context.get(dbContext), actor, params.id);
}

/** The paper sign-in sheet: the browser's print (Ctrl+P) gives a clean A4 page. */
export default function SignInSheet() {
  const { t } = useTranslation("workshops");
  const { workshop: w, mediators, people, blankLines } = useLoaderData<typeof loader>();
  return (
    <div className="page sheet">
      <PageTitle>{t("sheet.title", { title: w.title })}</PageTitle>
      <p className="no-print">
        <a href={href("/ateliers/:id", { id: w.id })}>{t("bookings.back")}</a> — {t("sheet.print_hint")}
      </p>
      <h1>{t("sheet.heading")}</h1>
      <dl className="details">
        <dt>{t("sheet.workshop")}</dt>
        <dd>{w.title}</dd>
        <dt>{t("page.when")}</dt>
        <dd>
          <WorkshopWhen start={w.starts_at} end={w.ends_at} />
        </dd>
        <dt>{t("page.where")}</dt>
        <dd>{w.is_remote ? t("remote") : `${w.space_name}, ${w.space_commune}`}</dd>
        <dt>{t("page.mediators")}</dt>
        <dd>{mediators.join(", ")}</dd>
      </dl>
      <TableScroll label={t("sheet.heading")}>
        <table className="data-table sign-in-sheet">
          <caption className="visually-hidden">{t("sheet.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sheet.number")}</th>
              <th scope="col">{t("sheet.name")}</th>
              <th scope="col">{t("sheet.signature")}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((name, i) => (
              <tr key={`p${i}`}>
                <td>{i + 1}</td>
                <td>{name}</td>
                <td />
              </tr>
            ))}
            {Array.from({ length: blankLines }, (_, i) => (
              <tr key={`b${i}`}>
                <td>{people.length + i + 1}</td>
                <td />
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
