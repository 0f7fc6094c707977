import { useTranslation } from "react-i18next";
import { useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/my-activities";
import { PageTitle } from "../components/ui/page-title";
import { WorkshopWhen } from "../features/workshops/components/workshop-list";
import { getWorkshopRecord } from "../features/workshops/record.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

/**
 * The learner's record ("Mes activités"). Each domain adds its section here:
 * call its service in the loader and render a <section> below.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const workshops = await getWorkshopRecord(context.get(dbContext), user);
  return { workshops, hasEmail: !!user.email, firstName: user.first_name };
}

export default function MyActivities() {
  const { t, i18n } = useTranslation("workshops");
  const { workshops, hasEmail } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="page">
      <PageTitle>{t("record.title")}</PageTitle>
      <h1>{t("record.title")}</h1>
      {params.get("adresse") === "ajoutee" ? (
        <div className="alert success" role="status">
          <p>{t("record.email_added")}</p>
        </div>
      ) : null}
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t("record.upcoming")}</h2>
        {workshops.upcoming.length === 0 ? (
          <p>
            {t("record.no_upcoming")} <a href="/ateliers">{t("record.find_workshop")}</a>
          </p>
        ) : (
          <ul className="cards">
            {workshops.upcoming.map((b) => (
              <li key={b.bookingId} className="card">
                <h3 className="card-title">
                  <a href={`/ateliers/${b.workshopId}`}>{b.title}</a>
                </h3>
                <p>
                  <WorkshopWhen start={b.startsAt} end={b.endsAt} />
                </p>
                <p>{b.place ?? t("remote")}</p>
                <p>
                  <strong>
                    {b.cancelled
                      ? t("record.workshop_cancelled")
                      : b.status === "confirmed"
                        ? t("status.confirmed")
                        : t("record.waitlisted_position", { position: b.position })}
                  </strong>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="attended-heading">
        <h2 id="attended-heading">{t("record.attended")}</h2>
        {workshops.attended.length === 0 ? (
          <p>{t("record.no_attended")}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t("record.attended")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("record.date")}</th>
                <th scope="col">{t("record.workshop")}</th>
                <th scope="col">{t("page.themes")}</th>
              </tr>
            </thead>
            <tbody>
              {workshops.attended.map((a) => (
                <tr key={a.workshopId}>
                  <td>{formatDate(a.startsAt, i18n.language)}</td>
                  <td>
                    <a href={`/ateliers/${a.workshopId}`}>{a.title}</a>
                  </td>
                  <td>{a.themes.map((c) => t(`mediation:vocab.thematique.${c}`)).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="tools-heading">
        <h2 id="tools-heading">{t("record.tools")}</h2>
        <ul className="link-list">
          <li>
            <a href="/compte/calendrier">{t("record.calendar_link")}</a>
          </li>
          {!hasEmail ? (
            <li>
              <a href="/compte/adresse">{t("record.add_email_link")}</a>
            </li>
          ) : null}
        </ul>
      </section>
    </div>
  );
}
