import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeSignIn } from "../../app/features/oidc/flow.server";
import {
  addRoleMapping,
  createAccountFromIdentity,
  linkIdentityWithProof,
  loadPendingChoice,
  providerSignOutUrl,
  removeRoleMapping,
  unlinkProvider,
} from "../../app/features/oidc/service.server";
import type { Db } from "../../app/lib/db.server";
import { isAppError } from "../../app/lib/errors";
import { hashToken } from "../../app/lib/tokens.server";
import { testDb } from "../helpers/db";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../helpers/fixtures";
import type { TestProvider } from "../helpers/oidc-provider";
import { meta, setUpProvider, signInThroughProvider } from "./oidc-support";

let db: Db;
let provider: TestProvider;
let restore: () => Promise<void>;

beforeAll(async () => {
  db = await testDb();
  ({ provider, restore } = await setUpProvider());
});
afterAll(() => restore?.());

async function messageOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { status: (error.init as ResponseInit).status, key: error.data.messageKey };
    throw error;
  }
  throw new Error("expected a refusal");
}

const roleOf = async (userId: string) => (await db.selectFrom("app_user").select("role").where("id", "=", userId).executeTakeFirstOrThrow()).role;

let subjects = 0;
const newSubject = () => `personne-${Date.now().toString(36)}-${++subjects}`;

async function pendingToken(login: string, account: Parameters<typeof signInThroughProvider>[3]) {
  const { outcome } = await signInThroughProvider(db, provider, login, account);
  if (outcome.kind !== "choose") throw new Error(`expected a choice, got ${outcome.kind}`);
  return outcome.pendingToken;
}

describe("first sign-in and the account it creates or links", () => {
  it("creates a learner from the claims, keeps a verified address, and the second sign-in finds the same account", async () => {
    const sub = newSubject();
    const email = uniqueEmail("ines");
    const token = await pendingToken(sub, { given_name: "Inès", family_name: "Martin", email, email_verified: true });
    expect(await loadPendingChoice(db, token)).toMatchObject({ firstName: "Inès", lastName: "Martin", email, emailTaken: false });
    const created = await createAccountFromIdentity(db, token, { firstName: "Inès" }, "fr", meta);
    expect(created.user).toMatchObject({ first_name: "Inès", last_name: "Martin", email, role: "learner", password_hash: null });
    expect(created.returnTo).toBe("/cours");
    // The session remembers the ID token, for signing out at the provider too.
    const signOut = new URL((await providerSignOutUrl(db, hashToken(created.token)))!);
    expect(signOut.origin).toBe(provider.issuer);
    expect(signOut.searchParams.get("id_token_hint")).toMatch(/^ey/);
    expect(signOut.searchParams.get("post_logout_redirect_uri")).toBe("http://127.0.0.1:39999/");

    const again = await signInThroughProvider(db, provider, sub, {});
    expect(again.outcome).toMatchObject({ kind: "signed_in", user: { id: created.user.id } });
    expect(await db.selectFrom("app_user").select("id").where("email", "=", email).execute()).toHaveLength(1);
  });

  it("leaves out an address the provider did not verify, and one another account holds", async () => {
    const unverified = await pendingToken(newSubject(), { given_name: "Paul", email: uniqueEmail("paul"), email_verified: false });
    expect((await createAccountFromIdentity(db, unverified, { firstName: "Paul" }, "fr", meta)).user.email).toBeNull();

    const owner = await createUser(db, { firstName: "Josiane" });
    const taken = await pendingToken(newSubject(), { given_name: "Josiane", email: owner.email!, email_verified: true });
    expect(await loadPendingChoice(db, taken)).toMatchObject({ emailTaken: true });
    const created = await createAccountFromIdentity(db, taken, { firstName: "Josiane" }, "fr", meta);
    expect(created.user.id).not.toBe(owner.id);
    expect(created.user.email).toBeNull();
  });

  it("never links on a matching address: the owner must prove the account is theirs with its password", async () => {
    const owner = await createUser(db, { firstName: "Marc" });
    const sub = newSubject();
    const token = await pendingToken(sub, { given_name: "Marc", email: owner.email!, email_verified: true });
    expect(await db.selectFrom("oidc_identity").selectAll().where("user_id", "=", owner.id).execute()).toEqual([]);

    expect(await messageOf(linkIdentityWithProof(db, token, { email: owner.email!, password: "pas le bon" }, meta))).toEqual({ status: 400, key: "accounts:errors.bad_credentials" });
    // A wrong password leaves the choice open.
    const linked = await linkIdentityWithProof(db, token, { email: owner.email!, password: TEST_PASSWORD }, meta);
    expect(linked.user.id).toBe(owner.id);
    expect((await signInThroughProvider(db, provider, sub, {})).outcome).toMatchObject({ kind: "signed_in", user: { id: owner.id } });
  });

  it("creates one account when « Créer mon compte » is sent twice at once", async () => {
    const token = await pendingToken(newSubject(), { given_name: "Double" });
    const results = await Promise.allSettled([
      createAccountFromIdentity(db, token, { firstName: "Double" }, "fr", meta),
      createAccountFromIdentity(db, token, { firstName: "Double" }, "fr", meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.selectFrom("app_user").select("id").where("first_name", "=", "Double").execute()).toHaveLength(1);
  });
});

describe("the sign-in state", () => {
  it("is used once: the same answer sent again is refused, and so is a changed state or another browser's answer", async () => {
    const sub = newSubject();
    const first = await signInThroughProvider(db, provider, sub, { given_name: "Rejeu" });
    expect(first.outcome.kind).toBe("choose");
    const replay = completeSignIn(db, "ent", { callback: first.callback, browserToken: first.browserToken, signedInUserId: null, meta });
    expect(await messageOf(replay)).toEqual({ status: 400, key: "oidc:errors.state_invalid" });

    provider.accounts.set(sub, {});
    const { startSignIn } = await import("../../app/features/oidc/flow.server");
    const { signInAtProvider } = await import("./oidc-support");
    const started = await startSignIn(db, "ent", { returnTo: "/", browserToken: "b".repeat(32) });
    const callback = await signInAtProvider(started.url, sub);
    const tampered = new URL(callback);
    tampered.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    expect(await messageOf(completeSignIn(db, "ent", { callback: tampered, browserToken: "b".repeat(32), signedInUserId: null, meta }))).toMatchObject({ key: "oidc:errors.state_invalid" });
    expect(await messageOf(completeSignIn(db, "ent", { callback, browserToken: "c".repeat(32), signedInUserId: null, meta }))).toMatchObject({ key: "oidc:errors.state_invalid" });
    // Nothing was opened: no session remembers an ID token of this person.
    expect(await db.selectFrom("oidc_pending_identity").select("id").where("subject", "=", sub).execute()).toHaveLength(1);
  });

  it("is kept in the database under the state's hash, never the state itself", async () => {
    const { startSignIn } = await import("../../app/features/oidc/flow.server");
    const started = await startSignIn(db, "ent", { returnTo: "https://ailleurs.example/", browserToken: null });
    const state = new URL(started.url).searchParams.get("state")!;
    const row = await db.selectFrom("oidc_login").selectAll().where("id", "=", hashToken(state)).executeTakeFirstOrThrow();
    expect(row.browser_hash).toBe(hashToken(started.browserToken));
    expect(row.return_to).toBe("/");
    expect(new URL(started.url).searchParams.get("code_challenge_method")).toBe("S256");
    expect(new URL(started.url).searchParams.get("nonce")).toBe(row.nonce);
  });
});

describe("a provider that refuses or does not answer", () => {
  it("says the person cancelled, or that the provider is unreachable, and opens nothing", async () => {
    const { startSignIn } = await import("../../app/features/oidc/flow.server");
    const started = await startSignIn(db, "ent", { returnTo: "/", browserToken: "d".repeat(32) });
    const cancelled = new URL("http://127.0.0.1:39999/connexion/oidc/ent/retour");
    cancelled.search = new URLSearchParams({ error: "access_denied", state: new URL(started.url).searchParams.get("state")!, iss: provider.issuer }).toString();
    expect(await messageOf(completeSignIn(db, "ent", { callback: cancelled, browserToken: "d".repeat(32), signedInUserId: null, meta }))).toEqual({ status: 400, key: "oidc:errors.cancelled" });

    expect(await messageOf(startSignIn(db, "absent", { returnTo: "/", browserToken: null }))).toEqual({ status: 400, key: "oidc:errors.provider_unreachable" });
    expect(await messageOf(startSignIn(db, "inconnu", { returnTo: "/", browserToken: null }))).toMatchObject({ status: 404 });
  });

  it("lets the sign-in forms go on to the providers (CSP form-action)", async () => {
    const { contentSecurityPolicy } = await import("../../app/lib/csp.server");
    const formAction = contentSecurityPolicy("n").split("; ").find((d) => d.startsWith("form-action"));
    expect(formAction).toBe(`form-action 'self' ${provider.issuer} http://127.0.0.1:9`);
  });
});

describe("linking from the account page, and unlinking", () => {
  it("links the provider to the signed-in person, refuses an identity already linked elsewhere", async () => {
    const person = await createUser(db, { firstName: "Léa" });
    const sub = newSubject();
    const { outcome } = await signInThroughProvider(db, provider, sub, { given_name: "Léa" }, { linkUserId: person.id, signedInUserId: person.id });
    expect(outcome).toMatchObject({ kind: "linked", returnTo: "/cours" });

    const other = await createUser(db, { firstName: "Autre" });
    const stolen = signInThroughProvider(db, provider, sub, {}, { linkUserId: other.id, signedInUserId: other.id });
    expect(await messageOf(stolen.then((r) => r.outcome))).toEqual({ status: 409, key: "oidc:errors.identity_taken" });
    // Started by one person, finished while another is signed in: refused.
    const switched = signInThroughProvider(db, provider, newSubject(), {}, { linkUserId: other.id, signedInUserId: person.id });
    expect(await messageOf(switched)).toMatchObject({ key: "oidc:errors.state_invalid" });
  });

  it("refuses to unlink the only way in, allows it when a password remains", async () => {
    const token = await pendingToken(newSubject(), { given_name: "Seule" });
    const { user } = await createAccountFromIdentity(db, token, { firstName: "Seule" }, "fr", meta);
    expect(await messageOf(unlinkProvider(db, user, "ent"))).toEqual({ status: 409, key: "oidc:errors.last_sign_in" });

    const withPassword = await createUser(db, { firstName: "Deux" });
    await signInThroughProvider(db, provider, newSubject(), {}, { linkUserId: withPassword.id, signedInUserId: withPassword.id });
    await unlinkProvider(db, withPassword, "ent");
    expect(await db.selectFrom("oidc_identity").select("id").where("user_id", "=", withPassword.id).execute()).toEqual([]);
  });
});

describe("role mappings", () => {
  it("give a role only through a coordinator's rule, at each sign-in, and take back only what they gave", async () => {
    const coordinator = await createUser(db, { role: "coordinator" });
    const learner = await createUser(db, { role: "learner" });
    expect(await messageOf(addRoleMapping(db, learner, { providerId: "ent", claim: "groups", value: "enseignants", role: "teacher" }))).toMatchObject({ status: 403 });

    const sub = newSubject();
    const teacher = { given_name: "Prof", groups: ["enseignants", "cdi"] };
    const token = await pendingToken(sub, teacher);
    // No rule yet: the provider's groups give nothing.
    const { user } = await createAccountFromIdentity(db, token, { firstName: "Prof" }, "fr", meta);
    expect(user.role).toBe("learner");

    const mapping = await addRoleMapping(db, coordinator, { providerId: "ent", claim: "groups", value: "enseignants", role: "teacher" });
    expect((await signInThroughProvider(db, provider, sub, teacher)).outcome).toMatchObject({ kind: "signed_in", user: { role: "teacher" } });
    expect(await roleOf(user.id)).toBe("teacher");
    await removeRoleMapping(db, coordinator, mapping.id);
    expect((await signInThroughProvider(db, provider, sub, teacher)).outcome).toMatchObject({ kind: "signed_in", user: { role: "learner" } });

    // A role given by hand is not the mappings' to take back.
    await db.updateTable("app_user").set({ role: "mediator" }).where("id", "=", user.id).execute();
    expect((await signInThroughProvider(db, provider, sub, teacher)).outcome).toMatchObject({ kind: "signed_in", user: { role: "mediator" } });
    expect(await roleOf(user.id)).toBe("mediator");
  });
});
