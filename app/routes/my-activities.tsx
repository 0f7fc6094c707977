import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/my-activities";
import { PageTitle } from "../components/ui/page-title";
import { RecordSections } from "../features/record/components/record-sections";
import { loadRecord } from "../features/record/service.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

/** The learner's own record ("Mon suivi"): every domain's part of it, read from the domains. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const record = await loadRecord(context.get(dbContext), user);
  return { record, hasEmail: !!user.email };
}

export default function MyActivities() {
  const { t } = useTranslation("record");
  const { record, hasEmail } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="page">
      <PageTitle>{t("title")}</PageTitle>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {params.get("adresse") === "ajoutee" ? (
        <div className="alert success" role="status">
          <p>{t("workshops:record.email_added")}</p>
        </div>
      ) : null}
      <RecordSections record={record} own />
      <section aria-labelledby="tools-heading">
        <h2 id="tools-heading">{t("workshops:record.tools")}</h2>
        <ul className="link-list">
          <li>
            <a href={href("/compte/calendrier")}>{t("workshops:record.calendar_link")}</a>
          </li>
          {!hasEmail ? (
            <li>
              <a href={href("/compte/adresse")}>{t("workshops:record.add_email_link")}</a>
            </li>
          ) : null}
        </ul>
      </section>
    </div>
  );
}
