import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, useLoaderData } from "react-router";
import type { Route } from "./+types/account.notifications";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { ErrorSummary } from "../components/ui/error-summary";
import { FieldErrors } from "../components/ui/form-field";
import { PageTitle } from "../components/ui/page-title";
import { EMAIL_MODES, NotificationSettingsSchema } from "../features/notifications/schemas";
import { getNotificationSettings, setEmailMode } from "../features/notifications/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import questionsCss from "../styles/questions.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: questionsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return getNotificationSettings(context.get(dbContext), user);
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(request, NotificationSettingsSchema, (value) => setEmailMode(context.get(dbContext), user, value.emailMode));
}

/** The one place to choose how notifications reach a person by e-mail. */
export default function NotificationSettings() {
  const { t } = useTranslation("notifications");
  const { emailMode, hasEmail } = useLoaderData<typeof loader>();
  const reply = useActionReply();
  const [form, fields] = useForm({ lastResult: reply, id: "notification-settings", defaultValue: { emailMode } });
  const chosen = fields.emailMode.value ?? emailMode;
  return (
    <div className="page narrow">
      <PageTitle>{t("settings.title")}</PageTitle>
      <h1>{t("settings.title")}</h1>
      <p>{t("settings.intro")}</p>
      {hasEmail ? null : (
        <div className="alert" role="status">
          <p>
            {t("settings.no_email")} <a href={href("/compte/adresse")}>{t("settings.add_email")}</a>
          </p>
        </div>
      )}
      <ActionMessage reply={reply} okKey="notifications:settings.saved" />
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <fieldset className="choices" aria-describedby={fields.emailMode.errors ? fields.emailMode.errorId : undefined}>
          <legend>{t("settings.legend")}</legend>
          {EMAIL_MODES.map((mode) => (
            <label key={mode}>
              <input type="radio" name={fields.emailMode.name} id={mode === "immediate" ? fields.emailMode.id : undefined} value={mode} defaultChecked={chosen === mode} />
              <span>
                <strong>{t(`settings.mode.${mode}`)}</strong>
                <br />
                {t(`settings.mode.${mode}_hint`)}
              </span>
            </label>
          ))}
          <FieldErrors id={fields.emailMode.errorId} errors={fields.emailMode.errors} />
        </fieldset>
        <button type="submit" className="button primary">
          {t("settings.save")}
        </button>
      </Form>
      <p>
        <a href={href("/notifications")}>{t("settings.back")}</a>
      </p>
    </div>
  );
}
