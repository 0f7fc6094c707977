import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RETIRED_KEY_GRACE_MS, rotateToolKey, signAsTool, toolJwks } from "../../app/features/lti/keys.server";
import type { Db } from "../../app/lib/db.server";
import { completeLaunch, startLogin, toolUrls } from "../../app/features/lti/launch.server";
import { registerPlatform } from "../../app/features/lti/platforms.server";
import { testDb } from "../helpers/db";
import { createUser, statusOf } from "../helpers/fixtures";
import { seedCourse } from "./courses-helpers";
import { ROLE, startLtiPlatform, type LaunchSpec, type LtiPlatform } from "../helpers/lti-platform";

/**
 * Issue 21, acceptance 3: a launch with an unknown deployment, a reused
 * nonce, a wrong audience, a missing `sub`, or signed by a key that is not in
 * the platform's key set is refused with a 4xx, and nothing is stored — no
 * account, no platform link, no launch. The platform is the stand-in of
 * tests/helpers/lti-platform.ts, signing with real RSA keys.
 */

let db: Db;
let platform: LtiPlatform;
let lessonUrl: string;
let coordinator: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  db = await testDb();
  const urls = toolUrls();
  platform = await startLtiPlatform({ origin: urls.origin, login: urls.login, launch: urls.launch, jwks: urls.jwks });
  coordinator = await createUser(db, { role: "coordinator" });
  await registerPlatform(db, coordinator, {
    intent: "save",
    name: "Moodle de test",
    issuer: platform.issuer,
    clientId: platform.clientId,
    deploymentIds: [platform.deploymentId],
    jwksUrl: platform.jwksUrl,
    authUrl: platform.authUrl,
    tokenUrl: platform.tokenUrl,
    school: true,
  });
  const course = await seedCourse(db, { title: "Cours ouvert depuis la plateforme", lessonsPerModule: 1 });
  lessonUrl = `${urls.origin}/cours/${course.slug}/lecons/${course.lessons[0]}`;
});

afterAll(async () => {
  await platform?.close();
});

/** The tool's login, as the platform starts it; gives the state and the nonce the platform will see. */
async function login(hint = "user-hint") {
  const { redirectTo, state } = await startLogin(db, { iss: platform.issuer, login_hint: hint, target_link_uri: lessonUrl, client_id: platform.clientId });
  const auth = new URL(redirectTo);
  expect(auth.origin + auth.pathname).toBe(platform.authUrl);
  expect(auth.searchParams.get("state")).toBe(state);
  return { state, nonce: auth.searchParams.get("nonce")! };
}

const spec = (sub: string | undefined, extra: Partial<LaunchSpec> = {}): LaunchSpec => ({ sub, targetLinkUri: lessonUrl, roles: [ROLE.learner], givenName: "Léa", familyName: "Martin", ...extra });

async function counts() {
  const count = async (table: "app_user" | "lti_user_link" | "lti_launch") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  return { users: await count("app_user"), links: await count("lti_user_link"), launches: await count("lti_launch") };
}

async function expectRefused(run: () => Promise<unknown>, status: number) {
  const before = await counts();
  expect(await statusOf(run())).toBe(status);
  expect(await counts()).toEqual(before);
}

describe("LTI launch checks (issue 21, acceptance 3)", () => {
  it("accepts a good launch: a pupil's account (first name only, possibly under 15), linked to (platform, sub); a second launch reuses it", async () => {
    const before = await counts();
    const first = await login();
    const token = await platform.signIdToken(platform.launchClaims(spec("pupil-1"), first.nonce));
    const outcome = await completeLaunch(db, { idToken: token, state: first.state, cookieState: first.state });
    expect(outcome.messageType).toBe("LtiResourceLinkRequest");
    expect(await counts()).toEqual({ users: before.users + 1, links: before.links + 1, launches: before.launches + 1 });
    const user = await db.selectFrom("lti_user_link").innerJoin("app_user", "app_user.id", "lti_user_link.user_id").selectAll("app_user").where("sub", "=", "pupil-1").executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: "learner", email: null, password_hash: null, first_name: "Léa", last_name: null, age_band: "douze_dix_huit" });

    const again = await login();
    await completeLaunch(db, { idToken: await platform.signIdToken(platform.launchClaims(spec("pupil-1"), again.nonce)), state: again.state, cookieState: again.state });
    expect(await counts()).toEqual({ users: before.users + 1, links: before.links + 1, launches: before.launches + 2 });
  });

  it("refuses an unknown deployment", async () => {
    const { state, nonce } = await login();
    const claims = platform.launchClaims(spec("sub-deployment"), nonce);
    claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = "deployment-nobody-registered";
    const token = await platform.signIdToken(claims);
    await expectRefused(() => completeLaunch(db, { idToken: token, state, cookieState: state }), 403);
  });

  it("refuses a reused nonce: the same launch posted again, and a new login answered with an old nonce", async () => {
    const { state, nonce } = await login();
    const token = await platform.signIdToken(platform.launchClaims(spec("sub-replay"), nonce));
    await completeLaunch(db, { idToken: token, state, cookieState: state });
    await expectRefused(() => completeLaunch(db, { idToken: token, state, cookieState: state }), 400);
    const next = await login();
    const replayed = await platform.signIdToken(platform.launchClaims(spec("sub-replay"), nonce));
    await expectRefused(() => completeLaunch(db, { idToken: replayed, state: next.state, cookieState: next.state }), 400);
  });

  it("lets one of two simultaneous posts of the same launch through, never both", async () => {
    const { state, nonce } = await login();
    const token = await platform.signIdToken(platform.launchClaims(spec("sub-race"), nonce));
    const before = await counts();
    const results = await Promise.all([0, 1].map(() => statusOf(completeLaunch(db, { idToken: token, state, cookieState: state }))));
    expect(results.sort()).toEqual([400, "ok"]);
    expect(await counts()).toEqual({ users: before.users + 1, links: before.links + 1, launches: before.launches + 1 });
  });

  it("refuses a wrong audience", async () => {
    const { state, nonce } = await login();
    const token = await platform.signIdToken(platform.launchClaims(spec("sub-aud"), nonce), { audience: "another-tool" });
    await expectRefused(() => completeLaunch(db, { idToken: token, state, cookieState: state }), 401);
  });

  it("refuses a launch without `sub`", async () => {
    const { state, nonce } = await login();
    const token = await platform.signIdToken(platform.launchClaims(spec(undefined), nonce));
    await expectRefused(() => completeLaunch(db, { idToken: token, state, cookieState: state }), 400);
  });

  it("refuses a token signed by a key that is not in the platform's key set", async () => {
    const { state, nonce } = await login();
    const token = await platform.signIdToken(platform.launchClaims(spec("sub-rogue"), nonce), { rogueKey: true });
    await expectRefused(() => completeLaunch(db, { idToken: token, state, cookieState: state }), 401);
  });

  it("refuses a launch whose state cookie is another browser's, and an unknown platform's login", async () => {
    const { state, nonce } = await login();
    const token = await platform.signIdToken(platform.launchClaims(spec("sub-csrf"), nonce));
    await expectRefused(() => completeLaunch(db, { idToken: token, state, cookieState: "someone-else" }), 400);
    expect(await statusOf(startLogin(db, { iss: "https://unknown.example", login_hint: "x", target_link_uri: lessonUrl }))).toBe(403);
    expect(await statusOf(startLogin(db, { iss: platform.issuer, login_hint: "x", target_link_uri: "https://elsewhere.example/cours" }))).toBe(400);
  });
});

describe("the tool's signing key (decision 048)", () => {
  it("is made when a platform is registered, never by a GET of the key set", async () => {
    const keysInTable = async () => (await db.selectFrom("lti_tool_key").select("id").execute()).length;
    await db.deleteFrom("lti_tool_key").execute();
    expect(await toolJwks(db)).toEqual({ keys: [] });
    expect(await keysInTable()).toBe(0);
    await registerPlatform(db, coordinator, {
      intent: "save",
      name: "Un second Moodle",
      issuer: "https://second-moodle.example",
      clientId: "second",
      deploymentIds: ["1"],
      jwksUrl: "https://second-moodle.example/jwks",
      authUrl: "https://second-moodle.example/auth",
      tokenUrl: "https://second-moodle.example/token",
      school: false,
    });
    expect(await keysInTable()).toBe(1);
    expect((await toolJwks(db)).keys).toHaveLength(1);
  });

  it("rotates on a coordinator's request: new messages carry the new key, the old one stays published for the grace period only", async () => {
    const signed = async () => {
      const jwt = await signAsTool(db, { iss: "passerelle-tool", aud: "https://lms.example" });
      return { jwt, kid: decodeProtectedHeader(jwt).kid };
    };
    const before = await signed();
    expect((await toolJwks(db)).keys.map((k) => k.kid)).toEqual([before.kid]);

    const learner = await createUser(db, { role: "learner" });
    expect(await statusOf(rotateToolKey(db, learner))).toBe(403);
    expect((await signed()).kid).toBe(before.kid);

    const rotatedAt = new Date();
    const next = await rotateToolKey(db, coordinator, rotatedAt);
    expect(next.kid).not.toBe(before.kid);
    const after = await signed();
    expect(after.kid).toBe(next.kid);
    const published = await toolJwks(db);
    expect(published.keys.map((k) => k.kid)).toEqual([next.kid, before.kid]);
    // A platform holding the published set verifies what either key signed.
    const keySet = createLocalJWKSet(published);
    await expect(jwtVerify(before.jwt, keySet, { audience: "https://lms.example" })).resolves.toBeTruthy();
    await expect(jwtVerify(after.jwt, keySet, { audience: "https://lms.example" })).resolves.toBeTruthy();

    const pastGrace = new Date(rotatedAt.getTime() + RETIRED_KEY_GRACE_MS + 1000);
    const later = await toolJwks(db, pastGrace);
    expect(later.keys.map((k) => k.kid)).toEqual([next.kid]);
    await expect(jwtVerify(before.jwt, createLocalJWKSet(later), { audience: "https://lms.example", currentDate: rotatedAt })).rejects.toThrow();
  });
});
