import type { JWTPayload } from "jose";
import { href } from "react-router";
import type { LtiMessageType, LtiPlatform, LtiTargetKind } from "../../../db/schema/lti";
import { withRetryingTransaction, type Db } from "../../lib/db.server";
import { isAppError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { publicOrigin, publicUrl } from "../../lib/public-url.server";
import { generateToken, hashToken } from "../../lib/tokens.server";
import { POSSIBLY_UNDER_15 } from "../badges/service.server";
import { loadCoursePage } from "../courses/learning.server";
import { publishedCourseById, publishedLessonById } from "../courses/links.server";
import { findPlayableContent } from "../h5p/service.server";
import { CLAIM, launchRole } from "./claims";
import * as q from "./queries.server";
import { launchRefused, verifyIdToken } from "./verify.server";

const LOGIN_TTL_MS = 10 * 60 * 1000;
/** How long a launched page stays open without going back through the platform. */
export const LAUNCH_TTL_MS = 8 * 60 * 60 * 1000;
/** A used nonce is remembered past any token's life (exp + skew). */
const NONCE_MEMORY_MS = 24 * 60 * 60 * 1000;

/** The addresses a platform's administrator copies (tool configuration). */
export function toolUrls() {
  const base = publicUrl();
  return {
    login: base + href("/lti/login"),
    launch: base + href("/lti/launch"),
    jwks: base + href("/lti/jwks.json"),
    deepLinking: base + href("/lti/launch"),
    configuration: base + href("/lti/configuration.json"),
    origin: publicOrigin(),
  };
}

/** The login parameters we keep to start the same login again in a new window. */
const LOGIN_PARAMS = ["iss", "login_hint", "target_link_uri", "lti_message_hint", "client_id", "lti_deployment_id"] as const;

/**
 * OIDC third-party-initiated login (LTI Core 1.3 §5.1.1): the platform names
 * itself, the user hint and where to land; we answer with a redirect to its
 * authorization endpoint carrying a fresh state and nonce, both kept in the
 * database (any worker may receive the launch) for ten minutes.
 */
export async function startLogin(db: Db, input: Record<string, string | undefined>, now = new Date()) {
  const { iss, login_hint: loginHint, target_link_uri: target, client_id: clientId, lti_deployment_id: deploymentId } = input;
  if (!iss || !loginHint || !target) throw launchRefused("login_incomplete");
  if (!isOurs(target)) throw launchRefused("target_elsewhere");
  const platforms = await q.findEnabledPlatforms(db, iss, clientId);
  if (platforms.length === 0) throw launchRefused("unknown_platform");
  if (platforms.length > 1) throw launchRefused("client_id_needed");
  const platform = platforms[0]!;
  if (deploymentId && !platform.deployment_ids.includes(deploymentId)) throw launchRefused("unknown_deployment");
  const state = generateToken();
  const nonce = generateToken();
  const params: Record<string, string> = {};
  for (const name of LOGIN_PARAMS) if (input[name]) params[name] = input[name]!.slice(0, 2000);
  await q.insertLoginState(db, { stateHash: hashToken(state), platformId: platform.id, nonce, params, expiresAt: new Date(now.getTime() + LOGIN_TTL_MS) });
  const auth = new URL(platform.auth_url);
  const query = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.client_id,
    redirect_uri: toolUrls().launch,
    login_hint: loginHint,
    state,
    nonce,
    ...(input.lti_message_hint ? { lti_message_hint: input.lti_message_hint } : {}),
  };
  for (const [name, value] of Object.entries(query)) auth.searchParams.set(name, value);
  return { redirectTo: auth.toString(), state };
}

function isOurs(url: string) {
  try {
    return new URL(url).origin === publicOrigin();
  } catch {
    return false;
  }
}

/** What names a pending login in an address (the state's hash: the state itself stays a secret). */
export const loginRef = (state: string) => hashToken(state);

/** The login parameters behind a pending login, to offer « Ouvrir dans une nouvelle fenêtre » when the state's cookie did not come back. */
export async function loginParamsOf(db: Db, ref: string, now = new Date()) {
  const row = /^[0-9a-f]{64}$/.test(ref) ? await q.findLoginState(db, ref) : undefined;
  return row && row.expires_at > now ? row.login_params : null;
}

export interface LaunchOutcome {
  launchId: string;
  token: string;
  messageType: LtiMessageType;
}

/**
 * The launch (LTI Core 1.3 §5.1.2): everything is checked before anything is
 * written; then one transaction consumes the state, records the nonce (its
 * unique key refuses a replay), finds or creates the platform user's account
 * and opens a launch. Any refusal leaves no user, link or launch behind.
 */
export async function completeLaunch(db: Db, input: { idToken?: string; state?: string; cookieState?: string | null }, now = new Date()): Promise<LaunchOutcome> {
  const { idToken, state } = input;
  if (!idToken || !state) throw launchRefused("launch_incomplete");
  const stateHash = hashToken(state);
  const login = await q.findLoginState(db, stateHash);
  if (!login || login.expires_at <= now) throw launchRefused("state_unknown");
  if (input.cookieState !== state) throw launchRefused("state_mismatch");
  const platform = await q.findPlatform(db, login.platform_id);
  if (!platform || platform.disabled_at) throw launchRefused("unknown_platform");
  const claims = await verifyIdToken(platform, idToken, login.nonce);
  const messageType = claims[CLAIM.messageType] as LtiMessageType;
  const roles = stringArray(claims[CLAIM.roles]);
  const details = messageType === "LtiResourceLinkRequest" ? await resourceLinkDetails(db, claims) : deepLinkingDetails(claims, roles);
  const sub = claims.sub!;
  const token = generateToken();

  const launchId = await withRetryingTransaction(db, async (trx) => {
    if (!(await q.takeLoginState(trx, stateHash, now))) throw launchRefused("state_unknown");
    if (!(await q.useNonce(trx, { platformId: platform.id, nonce: login.nonce, expiresAt: new Date(now.getTime() + NONCE_MEMORY_MS) }))) {
      throw launchRefused("nonce_reused");
    }
    let user = await q.findLinkedUser(trx, platform.id, sub);
    if (!user) {
      const created = await q.insertLtiUser(trx, accountFor(platform, claims, roles));
      const linked = await q.insertUserLink(trx, { platformId: platform.id, sub, userId: created.id });
      if (!linked) throw launchRefused("try_again");
      user = created;
    }
    if (user.disabled_at) throw launchRefused("account_suspended");
    const { id } = await q.insertLaunch(trx, {
      tokenHash: hashToken(token),
      platformId: platform.id,
      userId: user.id,
      sub,
      deploymentId: claims[CLAIM.deploymentId] as string,
      messageType,
      expiresAt: new Date(now.getTime() + LAUNCH_TTL_MS),
      ...details,
    });
    return id;
  });
  return { launchId, token, messageType };
}

const stringArray = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const objectOf = (value: unknown) => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const text = (value: unknown, max = 100) => (typeof value === "string" && value.trim() ? value.trim().slice(0, max) : null);

/**
 * The account of a platform user (decision 048): a learner's account, never
 * staff (an instructor gets no staff role from a claim), no e-mail (linking
 * by address alone is refused across Passerelle). A learner of a school's
 * platform is a pupil: first name only, and an age band that keeps their
 * name off every public page, as for the pupils a teacher imports.
 */
function accountFor(platform: LtiPlatform, claims: JWTPayload, roles: string[]) {
  const pupil = platform.school && launchRole(roles) === "learner";
  const locale: "fr" | "en" = text(objectOf(claims[CLAIM.launchPresentation]).locale)?.startsWith("en") ? "en" : "fr";
  const given = text(claims.given_name) ?? text(claims.name)?.split(/\s+/)[0] ?? platform.name.slice(0, 100);
  return {
    firstName: given,
    lastName: pupil ? null : text(claims.family_name),
    ageBand: pupil ? POSSIBLY_UNDER_15[1]! : null,
    locale,
  };
}

async function resourceLinkDetails(db: Db, claims: JWTPayload) {
  const link = objectOf(claims[CLAIM.resourceLink]);
  const resourceLinkId = text(link.id, 255);
  if (!resourceLinkId) throw launchRefused("missing_resource_link");
  const target = await resolveTarget(db, objectOf(claims[CLAIM.custom]), text(claims[CLAIM.targetLinkUri], 2000));
  if (!target) throw launchRefused("target_unknown");
  const ags = objectOf(claims[CLAIM.agsEndpoint]);
  const lineitem = text(ags.lineitem, 2000);
  const mayScore = stringArray(ags.scope).includes("https://purl.imsglobal.org/spec/lti-ags/scope/score");
  return { target, resourceLinkId, agsLineitem: lineitem && mayScore ? lineitem : null, deepLinkReturnUrl: null, deepLinkData: null };
}

function deepLinkingDetails(claims: JWTPayload, roles: string[]) {
  if (launchRole(roles) !== "instructor") throw launchRefused("deep_linking_for_teachers");
  const settings = objectOf(claims[CLAIM.deepLinkingSettings]);
  const returnUrl = text(settings.deep_link_return_url, 2000);
  if (!returnUrl || !/^https?:\/\//.test(returnUrl)) throw launchRefused("missing_return_url");
  const accepted = stringArray(settings.accept_types);
  if (accepted.length > 0 && !accepted.includes("ltiResourceLink")) throw launchRefused("links_not_accepted");
  return { target: null, resourceLinkId: null, agsLineitem: null, deepLinkReturnUrl: returnUrl, deepLinkData: text(settings.data, 4000) };
}

/** `custom.passerelle_target` (`lesson:<id>`, `course:<id>`, `h5p:<id>`, what our deep links set), else the target link URI's path. */
export async function resolveTarget(db: Db, custom: Record<string, unknown>, targetLinkUri: string | null): Promise<{ kind: LtiTargetKind; id: string } | null> {
  const named = text(custom.passerelle_target, 100)?.split(":");
  if (named && named.length === 2 && isUuid(named[1])) return checkTarget(db, named[0] as LtiTargetKind, named[1]);
  if (!targetLinkUri || !isOurs(targetLinkUri)) return null;
  const path = new URL(targetLinkUri).pathname;
  const lesson = /^\/cours\/[^/]+\/lecons\/([^/]+)$/.exec(path);
  if (lesson) return checkTarget(db, "lesson", lesson[1]!);
  // /h5p/jeu/<id>: what our Deep Linking answered before the activity page was linked.
  const activity = /^\/(?:activites|h5p\/jeu)\/([^/]+)$/.exec(path);
  if (activity) return checkTarget(db, "h5p", activity[1]!);
  const course = /^\/cours\/([^/]+)$/.exec(path);
  if (!course) return null;
  try {
    const page = await loadCoursePage(db, null, decodeURIComponent(course[1]!));
    return page.course.status === "published" ? { kind: "course", id: page.course.id } : null;
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

async function checkTarget(db: Db, kind: LtiTargetKind, id: string) {
  if (kind === "lesson") return (await publishedLessonById(db, id)) ? { kind, id } : null;
  if (kind === "course") return (await publishedCourseById(db, id)) ? { kind, id } : null;
  if (kind !== "h5p") return null;
  try {
    await findPlayableContent(db, id);
    return { kind, id };
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}
