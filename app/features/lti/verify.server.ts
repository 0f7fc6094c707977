import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from "jose";
import type { LtiPlatform } from "../../../db/schema/lti";
import { appError } from "../../lib/errors";
import { CLAIM } from "./claims";
import { PROBLEM_STATUS, type ProblemCode } from "./problems";

/** A few seconds' difference between the platform's clock and ours is normal; more is not. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * One key-set reader per URL and process: jose keeps the keys it fetched and
 * fetches again (at most every 30 s) when a token names a `kid` it has not seen,
 * which is how a platform's key rotation reaches us.
 */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keySetOf(url: string) {
  let set = keySets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000 });
    keySets.set(url, set);
  }
  return set;
}

export const launchRefused = (code: ProblemCode) => appError(PROBLEM_STATUS[code], code, `lti:errors.${code}`);

/**
 * Checks an LTI `id_token` (LTI Core 1.3 §5.1.3): signature by a key of the
 * platform's key set, iss, aud (and azp when several audiences), exp/iat
 * with a small skew, the nonce we issued, version, message type, a
 * registered deployment and a `sub`. Throws a 4xx for the first problem.
 */
export async function verifyIdToken(platform: LtiPlatform, idToken: string, expectedNonce: string): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keySetOf(platform.jwks_url), {
      issuer: platform.issuer,
      audience: platform.client_id,
      clockTolerance: CLOCK_SKEW_SECONDS,
      algorithms: ["RS256", "RS384", "RS512", "ES256", "PS256"],
      requiredClaims: ["exp", "iat", "nonce"],
    }));
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) throw launchRefused("unknown_key");
    if (error instanceof errors.JWSSignatureVerificationFailed) throw launchRefused("bad_signature");
    if (error instanceof errors.JWTExpired) throw launchRefused("expired");
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === "aud") throw launchRefused("wrong_audience");
      if (error.claim === "iss") throw launchRefused("wrong_issuer");
      throw launchRefused("bad_token");
    }
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) throw launchRefused("key_set_unreachable");
    if (error instanceof errors.JOSEError) throw launchRefused("bad_token");
    // The key set could not be fetched at all (connection refused, DNS).
    throw launchRefused("key_set_unreachable");
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== platform.client_id) throw launchRefused("wrong_audience");
  if (payload.nonce !== expectedNonce) throw launchRefused("nonce_mismatch");
  if (typeof payload.sub !== "string" || payload.sub.length === 0 || payload.sub.length > 255) throw launchRefused("missing_sub");
  if (payload[CLAIM.version] !== "1.3.0") throw launchRefused("bad_version");
  const type = payload[CLAIM.messageType];
  if (type !== "LtiResourceLinkRequest" && type !== "LtiDeepLinkingRequest") throw launchRefused("bad_message_type");
  const deployment = payload[CLAIM.deploymentId];
  if (typeof deployment !== "string" || !platform.deployment_ids.includes(deployment)) throw launchRefused("unknown_deployment");
  return payload;
}
