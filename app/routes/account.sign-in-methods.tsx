import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/account.sign-in-methods";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { SignInProviderList } from "../features/oidc/components/sign-in-provider-list";
import { SignInMethodsSchema } from "../features/oidc/schemas";
import { listSignInProviders, unlinkProvider } from "../features/oidc/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { getLocale } from "../lib/i18n.server";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

/** « Mes façons de me connecter »: link a provider to this account, or unlink it. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { providers: await listSignInProviders(context.get(dbContext), user), locale: getLocale(context) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(request, SignInMethodsSchema, (value) => unlinkProvider(context.get(dbContext), user, value.providerId));
}

export default function AccountSignInMethods() {
  const { t } = useTranslation("oidc");
  const { providers, locale } = useLoaderData<typeof loader>();
  const reply = useActionReply("unlink");
  return (
    <div className="page narrow">
      <PageTitle>{t("account.title")}</PageTitle>
      <h1>{t("account.title")}</h1>
      <p>{t("account.intro")}</p>
      <ActionMessage reply={reply} okKey="oidc:account.unlinked" />
      <SignInProviderList providers={providers} locale={locale} />
      <p>
        <a href={href("/compte")}>{t("account.back")}</a>
      </p>
    </div>
  );
}
