import { useTranslation } from "../lib/use-translation";
import { Form, href, useLoaderData } from "react-router";
import { IntentButton } from "../components/ui/intent-button";
import type { Route } from "./+types/notifications";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { listMyNotifications, markAllNotificationsRead, markNotificationRead } from "../features/notifications/service.server";
import { NotificationsFormSchema } from "../features/notifications/schemas";
import { notificationLink } from "../features/notifications/targets";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDateTime } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import questionsCss from "../styles/questions.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: questionsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return listMyNotifications(context.get(dbContext), user);
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, NotificationsFormSchema, async (value) => {
    if (value.intent === "read") await markNotificationRead(db, user, value.id);
    else await markAllNotificationsRead(db, user);
    return { done: true };
  });
}

/** « Mes notifications »: newest first, unread ones marked in words, not only in colour. */
export default function Notifications() {
  const { t, i18n } = useTranslation("notifications");
  const { items, unread } = useLoaderData<typeof loader>();
  const readReply = useActionReply("read");
  const allReply = useActionReply("read-all");
  return (
    <div className="page narrow notifications-page">
      <PageTitle>{t("page.title")}</PageTitle>
      <h1>{t("page.title")}</h1>
      <p>{unread > 0 ? t("page.unread", { count: unread }) : t("page.all_read")}</p>
      <ActionMessage reply={allReply} okKey="notifications:page.all_marked" />
      <ActionMessage reply={readReply} okKey="notifications:page.marked" />
      {unread > 0 ? (
        <IntentButton intent="read-all">
          {t("page.mark_all")}
        </IntentButton>
      ) : null}
      {items.length === 0 ? <p>{t("page.empty")}</p> : null}
      <ul className="notification-list">
        {items.map((n) => (
          <li key={n.id} className={n.read_at ? "notification" : "notification unread"}>
            <p>
              {n.read_at ? null : <strong className="tag">{t("page.new")}</strong>} <a href={notificationLink(n.route, n.route_params)}>{t(n.message_key, n.message_values)}</a>
            </p>
            <p className="hint">
              <time dateTime={new Date(n.created_at).toISOString()}>{formatDateTime(n.created_at, i18n.language)}</time>
            </p>
            {n.read_at ? null : (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="read" />
                <input type="hidden" name="id" value={n.id} />
                <button type="submit" className="link-button">
                  {t("page.mark_read")}
                  <span className="visually-hidden"> : {t(n.message_key, n.message_values)}</span>
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <p>
        <a href={href("/compte/notifications")}>{t("page.settings_link")}</a>
      </p>
    </div>
  );
}
