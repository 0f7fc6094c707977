import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/sign-in";
import { redirectSignedIn, requestMeta } from "../features/accounts/responses.server";
import { safeRedirect, SignInSchema } from "../features/accounts/schemas";
import { signIn } from "../features/accounts/service.server";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { currentUser } from "../lib/session.server";
import { getLocale } from "../lib/i18n.server";
import { ProviderButtons } from "../features/oidc/components/provider-buttons";
import { providerButtons } from "../features/oidc/providers.server";

export function loader({ context, request }: Route.LoaderArgs) {
  if (currentUser(context)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("retour")));
  return { providers: providerButtons(), locale: getLocale(context) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  return handleForm(
    request,
    SignInSchema,
    async (value) => {
      const { user, token } = await signIn(db, value, requestMeta(request));
      const to = safeRedirect(value.redirectTo);
      return redirectSignedIn(request, db, to, token, user, { landing: to === "/" });
    },
    { hideFields: ["password"] },
  );
}

export default function SignIn() {
  const { t } = useTranslation("accounts");
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { providers, locale } = useLoaderData<typeof loader>();
  const [form, fields] = useForm<z.input<typeof SignInSchema>>({ lastResult, id: "sign-in" });
  return (
    <div className="page narrow">
      <PageTitle>{t("sign_in.title")}</PageTitle>
      <h1>{t("sign_in.title")}</h1>
      <section className="card-sign-in" aria-labelledby="with-card">
        <h2 id="with-card">{t("sign_in.have_card")}</h2>
        <p>
          <a className="button primary" href={href("/connexion/carte")}>
            {t("common:account.sign_in_card")}
          </a>
        </p>
      </section>
      <ProviderButtons providers={providers} locale={locale} redirectTo={safeRedirect(searchParams.get("retour"))} />
      <h2>{t("sign_in.with_email")}</h2>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("retour") ?? "/"} />
        <FormField field={fields.email} label={t("fields.email")} type="email" autoComplete="email" required />
        <FormField
          field={fields.password}
          label={t("fields.password")}
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" className="button primary">
          {t("sign_in.submit")}
        </button>
      </Form>
      <p>
        <a href={href("/mot-de-passe-oublie")}>{t("sign_in.forgot")}</a>
      </p>
      <p>
        {/* Someone sent here from a lesson comes back to it after creating the account too. */}
        {t("sign_in.no_account")} <a href={searchParams.get("retour") ? `${href("/inscription")}?${new URLSearchParams({ retour: searchParams.get("retour")! })}` : href("/inscription")}>{t("sign_in.create_account")}</a>
      </p>
      <p className="hint">{t("sign_in.no_email_hint")}</p>
    </div>
  );
}
