import { data, href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/oidc.callback";
import { PageTitle } from "../components/ui/page-title";
import { redirectSignedIn, requestMeta } from "../features/accounts/responses.server";
import { ProviderButtons } from "../features/oidc/components/provider-buttons";
import { oidcBrowserCookie, oidcPendingCookie, readCookieToken } from "../features/oidc/cookies.server";
import { completeSignIn } from "../features/oidc/flow.server";
import { providerButtons } from "../features/oidc/providers.server";
import { dbContext } from "../lib/context";
import { isAppError } from "../lib/errors";
import { getLocale } from "../lib/i18n.server";
import { currentUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

/**
 * Where the provider sends the browser back. OpenID Connect makes this a GET
 * (a top-level redirect), so this loader writes, as no other loader does: it
 * uses up the sign-in row and opens the session. A refused answer shows its
 * reason here with a 400 and opens nothing.
 */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  try {
    const outcome = await completeSignIn(db, params.provider, {
      callback: new URL(request.url),
      browserToken: await readCookieToken(oidcBrowserCookie, request),
      signedInUserId: currentUser(context)?.id ?? null,
      meta: requestMeta(request),
    });
    if (outcome.kind === "signed_in") {
      return redirectSignedIn(request, db, outcome.returnTo, outcome.token, outcome.user, { landing: outcome.returnTo === "/" });
    }
    if (outcome.kind === "linked") return redirect(outcome.returnTo);
    return redirect(href("/connexion/oidc/premiere-connexion"), { headers: { "Set-Cookie": await oidcPendingCookie.serialize(outcome.pendingToken) } });
  } catch (error) {
    if (!isAppError(error)) throw error;
    const status = (error.init as ResponseInit | null)?.status ?? 400;
    return data({ messageKey: error.data.messageKey, providers: providerButtons(), locale: getLocale(context) }, { status });
  }
}

export default function OidcCallback() {
  const { t } = useTranslation("oidc");
  const { messageKey, providers, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <PageTitle>{t("callback.title")}</PageTitle>
      <h1>{t("callback.title")}</h1>
      <div className="alert error" role="alert">
        <p>{t(messageKey)}</p>
      </div>
      <ProviderButtons providers={providers} locale={locale} redirectTo="/" />
      <p>
        <a href={href("/connexion")}>{t("callback.other_ways")}</a>
      </p>
    </div>
  );
}
