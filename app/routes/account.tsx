import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import type { ChangePasswordSchema } from "../features/accounts/schemas";
import { useTranslation } from "../lib/use-translation";
import { Form, href, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/account";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { NewPasswordFields } from "../features/accounts/components/new-password-fields";
import { PageTitle } from "../components/ui/page-title";
import { redirectSignedIn, requestMeta } from "../features/accounts/responses.server";
import { ProfileForm } from "../features/accounts/components/profile-form";
import { profileDefaults } from "../features/accounts/profile";
import { AccountFormSchema } from "../features/accounts/schemas";
import { changePassword, updateOwnProfile } from "../features/accounts/service.server";
import { useActionReply } from "../components/ui/action-reply";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { requireUser } from "../lib/session.server";
import { providerButtons } from "../features/oidc/providers.server";

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
    profileForm: { firstName: user.first_name, ...profileDefaults(user) },
    hasProviders: providerButtons().length > 0,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(
    request,
    AccountFormSchema,
    async (value) => {
      if (value.intent === "profile") {
        await updateOwnProfile(db, user, value);
        return null;
      }
      const token = await changePassword(db, user, value, requestMeta(request));
      return redirectSignedIn(request, db, `${href("/compte")}?mot-de-passe=change`, token, user);
    },
    { hideFields: SECRETS },
  );
}

export default function Account() {
  const { t } = useTranslation("accounts");
  const { profile, profileForm, hasProviders } = useLoaderData<typeof loader>();
  const lastResult = useActionReply("password");
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof ChangePasswordSchema>>({ lastResult, id: "change-password" });
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

      <ProfileForm defaults={profileForm} />

      <p>
        <a href={href("/compte/notifications")}>{t("notifications:page.settings_link")}</a>
      </p>
      {hasProviders ? (
        <p>
          <a href={href("/compte/connexions")}>{t("oidc:account.link")}</a>
        </p>
      ) : null}

      <section aria-labelledby="prefs-heading">
        <h2 id="prefs-heading">{t("account.preferences")}</h2>
        <Form method="post" action={href("/preferences")} className="stack">
          <input type="hidden" name="redirectTo" value={href("/compte")} />
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
            <a href={href("/compte/donnees")} download>
              {t("data.download")}
            </a>
          </li>
          <li>
            <a href={href("/compte/supprimer")}>{t("data.delete")}</a>
          </li>
        </ul>
      </section>

      {profile.hasPassword ? (
        <section aria-labelledby="password-heading">
          <h2 id="password-heading">{t("account.change_password")}</h2>
          <p>{t("account.change_password_intro")}</p>
          <ErrorSummary form={form} />
          <Form method="post" {...getFormProps(form)} noValidate>
            <input type="hidden" name="intent" value="password" />
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
