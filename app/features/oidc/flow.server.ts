import * as client from "openid-client";
import type { Db } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { logger } from "../../lib/logger.server";
import { safeRedirect } from "../../lib/safe-redirect";
import { generateToken, hashToken } from "../../lib/tokens.server";
import type { RequestMeta } from "../accounts/service.server";
import { callbackUrl, noteEndpointOrigins, providerConfiguration, requireProvider } from "./providers.server";
import * as q from "./queries.server";
import { signInWithIdentity, linkIdentityToUser } from "./identities.server";

/** A sign-in has this long to come back from the provider. */
export const LOGIN_TTL_MS = 10 * 60 * 1000;
/** The « create or link » choice after a first sign-in stays open this long. */
export const PENDING_TTL_MS = 15 * 60 * 1000;

const stateInvalid = () => appError(400, "oidc_state_invalid", "oidc:errors.state_invalid");
const unreachable = () => appError(400, "oidc_provider_unreachable", "oidc:errors.provider_unreachable");

/**
 * Sends the browser to the provider: PKCE, `state` and `nonce` made fresh,
 * kept server-side under the state's hash for ten minutes and bound to this
 * browser's cookie token, so any worker can finish the sign-in and only the
 * browser that started it. `linkUserId` is set when a signed-in person links
 * the provider from their account page.
 */
export async function startSignIn(
  db: Db,
  providerId: string,
  { returnTo, linkUserId = null, browserToken }: { returnTo: string; linkUserId?: string | null; browserToken: string | null },
  now = new Date(),
) {
  const provider = requireProvider(providerId);
  const config = await reach(() => providerConfiguration(provider));
  noteEndpointOrigins(config);
  const token = browserToken ?? generateToken();
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await q.insertLogin(db, {
    id: hashToken(state),
    browser_hash: hashToken(token),
    provider_id: provider.id,
    code_verifier: codeVerifier,
    nonce,
    return_to: safeRedirect(returnTo),
    link_user_id: linkUserId,
    expires_at: new Date(now.getTime() + LOGIN_TTL_MS),
  });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(provider.id),
    scope: provider.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url: url.href, browserToken: token };
}

export type SignInOutcome =
  | { kind: "signed_in"; token: string; user: NonNullable<Awaited<ReturnType<typeof signInWithIdentity>>>["user"]; returnTo: string }
  | { kind: "choose"; pendingToken: string }
  | { kind: "linked"; returnTo: string };

/**
 * The provider's answer. The sign-in row is deleted first (single use, so a
 * callback sent twice fails), must belong to this browser, and only then does
 * openid-client check the answer: state, the code exchanged with the PKCE
 * verifier, the ID token's signature (the provider's published keys),
 * issuer, audience, nonce and dates (with the configured clock tolerance).
 */
export async function completeSignIn(
  db: Db,
  providerId: string,
  { callback, browserToken, signedInUserId, meta }: { callback: URL; browserToken: string | null; signedInUserId: string | null; meta: RequestMeta },
  now = new Date(),
): Promise<SignInOutcome> {
  const provider = requireProvider(providerId);
  const state = callback.searchParams.get("state");
  const login = state ? await q.consumeLogin(db, hashToken(state)) : undefined;
  if (!state || !login || login.expires_at <= now || login.provider_id !== provider.id || !browserToken || login.browser_hash !== hashToken(browserToken)) {
    logger.warn({ provider: provider.id, found: Boolean(login) }, "oidc: unknown, used, expired or foreign state");
    throw stateInvalid();
  }
  const config = await reach(() => providerConfiguration(provider));
  // The URL the provider redirected to, on our public address (behind a proxy request.url is not it).
  const current = new URL(callbackUrl(provider.id));
  current.search = callback.search;
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: login.code_verifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw classify(error, provider.id);
  }
  const idClaims = tokens.claims()!;
  const claims: Record<string, unknown> = { ...idClaims };
  if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    // Names and the address often come from the user-info endpoint rather than the ID token; the subject must match.
    const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch((error) => {
      throw classify(error, provider.id);
    });
    for (const [key, value] of Object.entries(info)) if (!(key in claims)) claims[key] = value;
  }
  const identity = { providerId: provider.id, issuer: idClaims.iss, subject: idClaims.sub, claims, idToken: tokens.id_token! };

  if (login.link_user_id) {
    // Linking from the account page: the same person must still be signed in here.
    if (login.link_user_id !== signedInUserId) throw stateInvalid();
    await linkIdentityToUser(db, login.link_user_id, identity);
    return { kind: "linked", returnTo: login.return_to };
  }
  const signedIn = await signInWithIdentity(db, identity, meta);
  if (signedIn) return { kind: "signed_in", ...signedIn, returnTo: login.return_to };

  const pendingToken = generateToken();
  await q.insertPending(db, {
    id: hashToken(pendingToken),
    provider_id: provider.id,
    issuer: identity.issuer,
    subject: identity.subject,
    claims: JSON.stringify(claims),
    id_token: identity.idToken,
    return_to: login.return_to,
    expires_at: new Date(now.getTime() + PENDING_TTL_MS),
  });
  return { kind: "choose", pendingToken };
}

/** Discovery or a request to the provider that cannot get through: said as such. */
async function reach<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    logger.warn({ err: error }, "oidc: provider unreachable");
    throw unreachable();
  }
}

/** openid-client's failures, in words a person can act on; the library's code goes to the log. */
function classify(error: unknown, providerId: string) {
  const code = (error as { code?: string }).code;
  logger.warn({ provider: providerId, code, err: error }, "oidc: provider answer refused");
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === "access_denied"
      ? appError(400, "oidc_cancelled", "oidc:errors.cancelled")
      : appError(400, "oidc_provider_error", "oidc:errors.provider_error");
  }
  if (error instanceof client.ResponseBodyError) return appError(400, "oidc_provider_error", "oidc:errors.provider_error");
  if (code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED") return appError(400, "oidc_token_expired", "oidc:errors.token_expired");
  if (error instanceof client.ClientError) return appError(400, "oidc_token_invalid", "oidc:errors.token_invalid");
  // fetch() failing (refused, reset, DNS) or the timeout.
  return unreachable();
}
