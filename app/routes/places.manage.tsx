import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/places.manage";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { ArchiveSpaceSchema } from "../features/places/schemas";
import { listSpacesForManagement, setSpaceArchived } from "../features/places/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  return { spaces: await listSpacesForManagement(context.get(dbContext), actor) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  return handleForm(request, ArchiveSpaceSchema, async ({ intent, id }) => {
    const archive = intent === "archive";
    await setSpaceArchived(context.get(dbContext), actor, id, archive);
    return redirect(`${href("/gestion/lieux")}?${archive ? "archive" : "restaure"}=1`);
  });
}

export default function ManagePlaces() {
  const { t } = useTranslation("places");
  const { spaces } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const archiveReply = useActionReply("archive");
  const restoreReply = useActionReply("restore");
  return (
    <div className="page">
      <PageTitle>{t("manage.title")}</PageTitle>
      <h1>{t("manage.title")}</h1>
      <ActionMessage reply={archiveReply} />
      <ActionMessage reply={restoreReply} />
      {params.has("enregistre") ? (
        <div className="alert success" role="status">
          <p>{t("manage.saved")}</p>
        </div>
      ) : null}
      <p>
        <a className="button primary" href={href("/gestion/lieux/nouveau")}>
          {t("manage.new")}
        </a>
      </p>
      <TableScroll label={t("manage.title")}>
        <table className="data-table">
          <caption className="visually-hidden">{t("manage.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("fields.name")}</th>
              <th scope="col">{t("fields.commune")}</th>
              <th scope="col">{t("manage.state")}</th>
              <th scope="col">{t("manage.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {spaces.map((s) => (
              <tr key={s.id}>
                <td>
                  <a href={href("/gestion/lieux/:id", { id: s.id })}>{s.name}</a>
                </td>
                <td>{s.commune}</td>
                <td>{s.archived_at ? t("manage.archived") : t("manage.active")}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={s.id} />
                    <button type="submit" name="intent" value={s.archived_at ? "restore" : "archive"} className="button secondary">
                      {s.archived_at ? t("manage.restore") : t("manage.archive")}
                      <span className="visually-hidden"> {s.name}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
