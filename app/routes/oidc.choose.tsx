import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/oidc.choose";
import { PageTitle } from "../components/ui/page-title";
import { redirectSignedIn, requestMeta } from "../features/accounts/responses.server";
import { PendingChoice } from "../features/oidc/components/pending-choice";
import { oidcPendingCookie, readCookieToken } from "../features/oidc/cookies.server";
import { PendingChoiceSchema } from "../features/oidc/schemas";
import { createAccountFromIdentity, linkIdentityWithProof, loadPendingChoice } from "../features/oidc/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { isAppError } from "../lib/errors";
import { getLocale } from "../lib/i18n.server";
import { useTranslation } from "../lib/use-translation";

/**
 * After a first sign-in with a provider: create a Passerelle account from what
 * the provider says, or sign in to one's existing account (password or card)
 * to link it. Never linked on a matching address alone (decision 047).
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  try {
    const choice = await loadPendingChoice(context.get(dbContext), await readCookieToken(oidcPendingCookie, request));
    return { choice, locale: getLocale(context) };
  } catch (error) {
    if (isAppError(error)) return { choice: null, locale: getLocale(context) };
    throw error;
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  const pendingToken = await readCookieToken(oidcPendingCookie, request);
  const meta = requestMeta(request);
  return handleForm(
    request,
    PendingChoiceSchema,
    async (value) => {
      const done =
        value.intent === "create"
          ? await createAccountFromIdentity(db, pendingToken, value, getLocale(context), meta)
          : await linkIdentityWithProof(db, pendingToken, value.intent === "link-card" ? { code: value.code } : value, meta);
      const response = await redirectSignedIn(request, db, done.returnTo, done.token, done.user, { landing: done.returnTo === "/" });
      response.headers.append("Set-Cookie", await oidcPendingCookie.serialize("", { maxAge: 0 }));
      return response;
    },
    { hideFields: ["password", "code"] },
  );
}

export default function OidcChoose() {
  const { t } = useTranslation("oidc");
  const { choice, locale } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <PageTitle>{t("choose.title")}</PageTitle>
      <h1>{t("choose.title")}</h1>
      {choice ? (
        <PendingChoice choice={choice} locale={locale} />
      ) : (
        <>
          <div className="alert error" role="alert">
            <p>{t("errors.pending_expired")}</p>
          </div>
          <p>
            <a href={href("/connexion")}>{t("callback.other_ways")}</a>
          </p>
        </>
      )}
    </div>
  );
}
