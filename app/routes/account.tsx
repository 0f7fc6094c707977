import { FieldError } from "../lib/errors";
import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { data, Form, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/account";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { NewPasswordFields } from "../features/accounts/components/new-password-fields";
import { PageTitle } from "../components/ui/page-title";
import { redirectSignedIn, requestMeta } from "../features/accounts/responses.server";
import { ChangePasswordSchema } from "../features/accounts/schemas";
import { changePassword } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { parseForm } from "../lib/forms.server";
import { requireUser } from "../lib/session.server";

const SECRETS = ["currentPassword", "password", "passwordConfirm"];

export function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return {
    profile: {
      firstName: user.first_name,
      lastName: user.last_name,
      email: user.email,
      role: user.role,
      locale: user.locale,
      largeText: user.large_text,
      highContrast: user.high_contrast,
      hasPassword: !!user.password_hash,
    },
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const submission = await parseForm(request, ChangePasswordSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: SECRETS }), { status: 400 });
  try {
    const token = await changePassword(context.get(dbContext), user, submission.value, requestMeta(request));
    return redirectSignedIn(request, context.get(dbContext), "/compte?mot-de-passe=change", token, user);
  } catch (error) {
    if (error instanceof FieldError) {
      return data(submission.reply({ fieldErrors: { [error.field]: [error.messageKey] }, hideFields: SECRETS }), {
        status: 400,
      });
    }
    throw error;
  }
}

export default function Account() {
  const { t } = useTranslation("accounts");
  const { profile } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({ lastResult, id: "change-password" });
  return (
    <div className="page narrow">
      <PageTitle>{t("account.title")}</PageTitle>
      <h1>{t("account.title")}</h1>
      {searchParams.has("bienvenue") ? (
        <div className="alert success" role="status">
          <p>{t("account.welcome", { name: profile.firstName })}</p>
        </div>
      ) : null}
      {searchParams.get("mot-de-passe") === "change" ? (
        <div className="alert success" role="status">
          <p>{t("account.password_changed")}</p>
        </div>
      ) : null}

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("account.profile")}</h2>
        <dl className="details">
          <dt>{t("fields.first_name")}</dt>
          <dd>{profile.firstName}</dd>
          {profile.lastName ? (
            <>
              <dt>{t("fields.last_name")}</dt>
              <dd>{profile.lastName}</dd>
            </>
          ) : null}
          <dt>{t("fields.email")}</dt>
          <dd>{profile.email ?? t("account.no_email")}</dd>
          <dt>{t("account.role")}</dt>
          <dd>{t(`roles.${profile.role}`)}</dd>
        </dl>
      </section>

      <section aria-labelledby="prefs-heading">
        <h2 id="prefs-heading">{t("account.preferences")}</h2>
        <Form method="post" action="/preferences" className="stack">
          <input type="hidden" name="redirectTo" value="/compte" />
          <fieldset>
            <legend>{t("account.language")}</legend>
            <label className="choice">
              <input type="radio" name="locale" value="fr" defaultChecked={profile.locale === "fr"} /> <span lang="fr">Français</span>
            </label>
            <label className="choice">
              <input type="radio" name="locale" value="en" defaultChecked={profile.locale === "en"} /> <span lang="en">English</span>
            </label>
          </fieldset>
          <fieldset>
            <legend>{t("account.display")}</legend>
            <input type="hidden" name="largeText" value="off" />
            <label className="choice">
              <input type="checkbox" name="largeText" value="on" defaultChecked={profile.largeText} /> {t("common:display.large_text")}
            </label>
            <input type="hidden" name="highContrast" value="off" />
            <label className="choice">
              <input type="checkbox" name="highContrast" value="on" defaultChecked={profile.highContrast} />{" "}
              {t("common:display.high_contrast")}
            </label>
          </fieldset>
          <button type="submit" className="button primary">
            {t("account.save_preferences")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t("data.title")}</h2>
        <p>{t("data.intro")}</p>
        <ul>
          <li>
            <a href="/compte/donnees" download>
              {t("data.download")}
            </a>
          </li>
          <li>
            <a href="/compte/supprimer">{t("data.delete")}</a>
          </li>
        </ul>
      </section>

      {profile.hasPassword ? (
        <section aria-labelledby="password-heading">
          <h2 id="password-heading">{t("account.change_password")}</h2>
          <p>{t("account.change_password_intro")}</p>
          <ErrorSummary form={form} />
          <Form method="post" {...getFormProps(form)} noValidate>
            <FormField
              field={fields.currentPassword}
              label={t("fields.current_password")}
              type="password"
              autoComplete="current-password"
              required
            />
            <NewPasswordFields password={fields.password} passwordConfirm={fields.passwordConfirm} />
            <button type="submit" className="button primary">
              {t("account.change_password_submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
