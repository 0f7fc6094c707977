import { useTranslation } from "../lib/use-translation";
import { Form, useLoaderData } from "react-router";
import type { Route } from "./+types/calendar.settings";
import { useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { createFeed, feedStatus, revokeFeed } from "../features/calendar/feed.server";
import { FeedFormSchema } from "../features/calendar/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import workshopsCss from "../styles/workshops.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: workshopsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return feedStatus(context.get(dbContext), user);
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, FeedFormSchema, async (value) => {
    if (value.intent === "revoke") {
      await revokeFeed(db, user);
      return { url: null, revoked: true };
    }
    // Shown once: only the secret's hash is kept.
    return { url: await createFeed(db, user), revoked: false };
  });
}

export default function CalendarSettings() {
  const { t, i18n } = useTranslation("workshops");
  const status = useLoaderData<typeof loader>();
  type Outcome = { url: string | null; revoked: boolean };
  const created = useActionReply<Outcome>("create");
  const revoked = useActionReply<Outcome>("revoke");
  const result = (created ?? revoked)?.data;
  return (
    <div className="page narrow">
      <PageTitle>{t("calendar.title")}</PageTitle>
      <h1>{t("calendar.title")}</h1>
      <p>{t("calendar.intro")}</p>
      {result?.url ? (
        <div className="alert success" role="status">
          <p>{t("calendar.created")}</p>
          <p>
            <label htmlFor="feed-url">{t("calendar.url_label")}</label>
          </p>
          <input id="feed-url" type="text" readOnly value={result.url} className="feed-url" />
          <p>{t("calendar.shown_once")}</p>
        </div>
      ) : null}
      {result?.revoked ? (
        <div className="alert success" role="status">
          <p>{t("calendar.revoked")}</p>
        </div>
      ) : null}
      {status.active && !result?.url ? <p>{t("calendar.active_since", { date: formatDate(status.createdAt!, i18n.language) })}</p> : null}
      <Form method="post" className="actions">
        <button type="submit" name="intent" value="create" className="button primary">
          {status.active ? t("calendar.renew") : t("calendar.create")}
        </button>
        {status.active ? (
          <button type="submit" name="intent" value="revoke" className="button secondary">
            {t("calendar.revoke")}
          </button>
        ) : null}
      </Form>
      <p className="hint">{t("calendar.secret_hint")}</p>
    </div>
  );
}
