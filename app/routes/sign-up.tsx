import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useSearchParams } from "react-router";
import type { Route } from "./+types/sign-up";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { NewPasswordFields } from "../features/accounts/components/new-password-fields";
import { LastNameField, ProfileFields } from "../features/accounts/components/profile-fields";
import { PageTitle } from "../components/ui/page-title";
import { redirectSignedIn, requestMeta } from "../features/accounts/responses.server";
import { safeRedirect, SignUpSchema } from "../features/accounts/schemas";
import { signUp } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { getLocale } from "../lib/i18n.server";
import { isLocale } from "../lib/i18n";
import { currentUser } from "../lib/session.server";

const SECRETS = ["password", "passwordConfirm"];

export function loader({ context }: Route.LoaderArgs) {
  if (currentUser(context)) throw redirect(href("/compte"));
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  const locale = getLocale(context);
  return handleForm(
    request,
    SignUpSchema,
    async (value) => {
      const { user, token } = await signUp(db, { ...value, locale: isLocale(locale) ? locale : "fr" }, requestMeta(request));
      // Sent from a lesson (its activity asked to sign in): back to it; otherwise the welcome.
      const retour = new URL(request.url).searchParams.get("retour");
      return redirectSignedIn(request, db, retour ? safeRedirect(retour) : `${href("/compte")}?bienvenue=1`, token, user);
    },
    { hideFields: SECRETS },
  );
}

export default function SignUp() {
  const { t } = useTranslation("accounts");
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof SignUpSchema>>({ lastResult, id: "sign-up" });
  const retour = useSearchParams()[0].get("retour");
  return (
    <div className="page narrow">
      <PageTitle>{t("sign_up.title")}</PageTitle>
      <h1>{t("sign_up.title")}</h1>
      <p>{t("sign_up.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" action={retour ? `${href("/inscription")}?${new URLSearchParams({ retour })}` : undefined} {...getFormProps(form)} noValidate>
        <FormField field={fields.firstName} label={t("fields.first_name")} autoComplete="given-name" required />
        <LastNameField field={fields.lastName} />
        <FormField field={fields.email} label={t("fields.email")} type="email" autoComplete="email" required />
        <NewPasswordFields password={fields.password} passwordConfirm={fields.passwordConfirm} />
        <ProfileFields audience={fields.audience} commune={fields.commune} />
        <button type="submit" className="button primary">
          {t("sign_up.submit")}
        </button>
      </Form>
      <p className="hint">{t("sign_up.no_email_hint")}</p>
      <p>
        {t("sign_up.have_account")} <a href={href("/connexion")}>{t("sign_up.sign_in")}</a>
      </p>
    </div>
  );
}
