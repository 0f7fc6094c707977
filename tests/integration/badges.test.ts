import { createPublicKey, verify } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { badgeDownload } from "../../app/features/badges/downloads.server";
import { issuerJwks, issuerProfileDocument, rotateIssuerKey } from "../../app/features/badges/keys.server";
import { OPEN_BADGE_CREDENTIAL_SCHEMA, validateJsonSchema } from "../../app/features/badges/ob3-schema";
import {
  awardEarnedBadges,
  awardRecentlyEarnedBadges,
  getBadgeVerification,
  listIssuedBadges,
  listMyBadges,
  revokeBadge,
  setBadgeNameVisibility,
  verifyPastedCredential,
} from "../../app/features/badges/service.server";
import { getPathPage } from "../../app/features/paths/service.server";
import { loadRecord } from "../../app/features/record/service.server";
import { deleteOwnAccount, exportPersonalData } from "../../app/features/accounts/service.server";
import { takeBusinessDiagnostic } from "../../app/features/business-diagnostic/service.server";
import { BUSINESS_QUESTIONS } from "../../app/features/business-diagnostic/questionnaire";
import { QUESTIONS } from "../../app/features/diagnostic/questions";
import { takeDiagnostic } from "../../app/features/diagnostic/service.server";
import type { SeededCourse } from "./courses-helpers";
import { testDb } from "../helpers/db";
import { pdfContent, pdfInfo, pdfToText } from "../helpers/pdf-check";
import { createUser, TEST_PASSWORD } from "../helpers/fixtures";
import { completeCourseThroughPlayer, seedPathsAndCourses } from "./paths-fixtures";

const BASE = "https://passerelle.test";
const SENIORS = "autonome-avec-le-numerique";
let db: Db;
let courses: Map<string, SeededCourse>;
let coordinator: User;

beforeAll(async () => {
  db = await testDb();
  courses = await seedPathsAndCourses(db);
  coordinator = await createUser(db, { role: "coordinator" });
});

const status = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { init?: { status?: number } }).init?.status ?? 500;
  }
};

/** A learner who completed the seniors path's two required courses through the lesson player. */
async function learnerWithSeniorsPath(over: Parameters<typeof createUser>[1] = {}, { award = true } = {}) {
  const learner = await createUser(db, { firstName: "Josette", ...over });
  await completeCourseThroughPlayer(db, learner, courses.get("creer-et-utiliser-une-adresse-e-mail")!);
  const last = await completeCourseThroughPlayer(db, learner, courses.get("se-proteger-des-arnaques-en-ligne")!, { award });
  expect(last.courseCompletedNow).toBe(true);
  return learner;
}

const badgeOf = (userId: string) => db.selectFrom("badge").selectAll().where("user_id", "=", userId).execute();

// First in the file: no badge has been signed in this database yet.
describe("the issuer's public documents before the first badge (a GET writes nothing, decision 042)", () => {
  it("publish an empty key set and a profile without keys, and create no key", async () => {
    expect(await issuerJwks(db, BASE)).toEqual({ keys: [] });
    expect((await issuerProfileDocument(db, BASE)).verificationMethod).toEqual([]);
    expect(await db.selectFrom("issuer_key").select("id").execute()).toEqual([]);
  });
});

describe("completing a path issues an Open Badges 3.0 credential", () => {
  it("issues the badge when the required steps are done, once, and the verify page says valid", async () => {
    // The last lesson's action completes the course and issues the path's badge at once.
    const learner = await learnerWithSeniorsPath();
    const page = await getPathPage(db, learner, SENIORS, { anonymousToken: null });
    expect(page.progress.complete).toBe(true);
    expect(page.badge).toMatchObject({ name: "Autonome avec le numérique au quotidien", revoked: false });
    // Again, and concurrently: still one badge.
    await Promise.all([awardEarnedBadges(db, learner.id, BASE), awardEarnedBadges(db, learner.id, BASE)]);
    const badges = await badgeOf(learner.id);
    expect(badges).toHaveLength(1);

    const verification = await getBadgeVerification(db, null, badges[0]!.id);
    expect(verification).toMatchObject({
      status: "valid",
      issuer: "Communauté de communes des Pays d'Oise et d'Halatte",
      achievement: { name: "Autonome avec le numérique au quotidien" },
      recipientName: null,
      isOwner: false,
      canRevoke: false,
    });
    expect(verification.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("issues nothing while a required step is missing", async () => {
    const learner = await createUser(db);
    await completeCourseThroughPlayer(db, learner, courses.get("creer-et-utiliser-une-adresse-e-mail")!);
    expect(await awardEarnedBadges(db, learner.id, BASE)).toEqual([]);
  });

  it("passes the JSON schema written from the OB 3.0 specification, and is a well-formed VC-JWT", async () => {
    const learner = await learnerWithSeniorsPath({ email: `Josette.M-${Date.now()}@exemple.fr`.toLowerCase() });
    await awardEarnedBadges(db, learner.id, BASE);
    const [badge] = await badgeOf(learner.id);
    expect(validateJsonSchema(badge!.credential, OPEN_BADGE_CREDENTIAL_SCHEMA)).toEqual([]);

    const [h, p] = badge!.credential_jwt.split(".");
    const header = JSON.parse(Buffer.from(h!, "base64url").toString());
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
    // OB 3.0 §8.2: typ "JWT", a kid that is the URL of the key, and no other header.
    expect(Object.keys(header).sort()).toEqual(["alg", "kid", "typ"]);
    expect(header).toMatchObject({ alg: "EdDSA", typ: "JWT" });
    expect(header.kid).toMatch(/^https:\/\/passerelle\.test\/badges\/emetteur\/cles\/[A-Za-z0-9_-]{43}$/);
    // The payload is the credential, with the registered claims OB 3.0 asks for.
    expect(validateJsonSchema(payload, OPEN_BADGE_CREDENTIAL_SCHEMA)).toEqual([]);
    expect(payload).toMatchObject({ iss: `${BASE}/badges/emetteur`, jti: `${BASE}/badges/${badge!.id}`, id: `${BASE}/badges/${badge!.id}` });
    expect(payload.nbf).toBe(Math.floor(new Date(payload.validFrom).getTime() / 1000));
    expect(payload.sub).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(payload.sub).toBe(payload.credentialSubject.id);
    expect(payload.credentialStatus).toEqual({
      id: `${BASE}/badges/emetteur/statuts/1#${badge!.status_list_index}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(badge!.status_list_index),
      statusListCredential: `${BASE}/badges/emetteur/statuts/1`,
    });
    const { identityHash, salt } = payload.credentialSubject.identifier[0];
    const { createHash } = await import("node:crypto");
    expect(identityHash).toBe(`sha256$${createHash("sha256").update(learner.email! + salt).digest("hex")}`);
    expect(JSON.stringify(payload)).not.toContain(learner.email!);
    expect(payload.credentialSubject.achievement.id).toBe(`${BASE}/parcours/${SENIORS}`);
  });

  it("verifies with the published public key alone (JWKS), as an outside verifier would", async () => {
    const learner = await learnerWithSeniorsPath();
    await awardEarnedBadges(db, learner.id, BASE);
    const [badge] = await badgeOf(learner.id);
    const jwks = await issuerJwks(db, BASE);
    const [h, p, s] = badge!.credential_jwt.split(".");
    const kid = JSON.parse(Buffer.from(h!, "base64url").toString()).kid as string;
    const jwk = jwks.keys.find((k) => k.kid === kid)!;
    expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
    expect(verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s!, "base64url"))).toBe(true);
    // The issuer profile names the same key as a verification method.
    const profile = await issuerProfileDocument(db, BASE);
    expect(profile).toMatchObject({ id: `${BASE}/badges/emetteur`, type: ["Profile"], name: "Communauté de communes des Pays d'Oise et d'Halatte" });
    expect(profile.verificationMethod.map((m) => m.id)).toContain(kid);
  });

  it("fails verification when one character of the credential is altered", async () => {
    const learner = await learnerWithSeniorsPath();
    await awardEarnedBadges(db, learner.id, BASE);
    const [badge] = await badgeOf(learner.id);
    const jwt = badge!.credential_jwt;
    expect((await verifyPastedCredential(db, jwt)).status).toBe("valid");

    // One character of the payload: the name, the dates, the recipient hash — any of them.
    const payloadStart = jwt.indexOf(".") + 1;
    for (const offset of [0, 40, 200, 500]) {
      const i = payloadStart + offset;
      const altered = jwt.slice(0, i) + (jwt[i] === "A" ? "B" : "A") + jwt.slice(i + 1);
      const verdict = await verifyPastedCredential(db, altered);
      expect(verdict.status, `offset ${offset}`).toBe("invalid");
    }
    // One character of the signature.
    const last = jwt.length - 1;
    expect((await verifyPastedCredential(db, jwt.slice(0, last) + (jwt[last] === "A" ? "Q" : "A"))).status).toBe("invalid");

    // Altered where it is stored: the public verify page says invalid.
    const i = payloadStart + 100;
    await db.updateTable("badge").set({ credential_jwt: jwt.slice(0, i) + (jwt[i] === "x" ? "y" : "x") + jwt.slice(i + 1) }).where("id", "=", badge!.id).execute();
    expect((await getBadgeVerification(db, null, badge!.id)).status).toBe("invalid");
    await db.updateTable("badge").set({ credential_jwt: jwt }).where("id", "=", badge!.id).execute();
    expect((await getBadgeVerification(db, null, badge!.id)).status).toBe("valid");

    // A genuine credential of another badge pasted in place of this one does not pass as this one.
    const other = await learnerWithSeniorsPath();
    await awardEarnedBadges(db, other.id, BASE);
    const [otherBadge] = await badgeOf(other.id);
    await db.updateTable("badge").set({ credential_jwt: otherBadge!.credential_jwt }).where("id", "=", badge!.id).execute();
    expect((await getBadgeVerification(db, null, badge!.id)).status).toBe("invalid");
    await db.updateTable("badge").set({ credential_jwt: jwt }).where("id", "=", badge!.id).execute();
  });

  it("shows a revoked badge as revoked; only a coordinator revokes, once", async () => {
    const learner = await learnerWithSeniorsPath();
    await awardEarnedBadges(db, learner.id, BASE);
    const [badge] = await badgeOf(learner.id);
    const mediator = await createUser(db, { role: "mediator" });
    expect(await status(revokeBadge(db, mediator, badge!.id, "Erreur"))).toBe(403);
    expect(await status(revokeBadge(db, learner, badge!.id, "Erreur"))).toBe(403);
    expect((await getBadgeVerification(db, coordinator, badge!.id)).canRevoke).toBe(true);

    await revokeBadge(db, coordinator, badge!.id, "Délivré par erreur");
    const verification = await getBadgeVerification(db, coordinator, badge!.id);
    expect(verification).toMatchObject({ status: "revoked", revocationReason: "Délivré par erreur", canRevoke: false });
    expect((await getBadgeVerification(db, null, badge!.id)).revocationReason).toBeNull();
    expect((await verifyPastedCredential(db, badge!.credential_jwt)).status).toBe("revoked");
    expect(await status(revokeBadge(db, coordinator, badge!.id, "Encore"))).toBe(409);
    expect(await status(revokeBadge(db, coordinator, crypto.randomUUID(), "x"))).toBe(404);
    // Completing the path again does not re-issue a revoked badge.
    expect(await awardEarnedBadges(db, learner.id, BASE)).toEqual([]);
    expect((await getPathPage(db, learner, SENIORS, { anonymousToken: null })).badge).toMatchObject({ revoked: true });
  });
});

describe("looking never issues (issue 18: a GET loader writes nothing)", () => {
  it("the path page, my badges and the record only read; the completing action or the job issues", async () => {
    // Completed without the lesson action's award (as by a class attended: its webhook leaves it to the job).
    const learner = await learnerWithSeniorsPath({ firstName: "Gisèle" }, { award: false });
    const page = await getPathPage(db, learner, SENIORS, { anonymousToken: null });
    expect(page.progress.complete).toBe(true);
    expect(page.badge).toBeNull();
    expect((await listMyBadges(db, learner)).badges).toEqual([]);
    expect((await loadRecord(db, learner)).totals.badges).toBe(0);
    expect(await badgeOf(learner.id)).toEqual([]);
    // The periodic job notices the recent progress and issues it.
    expect(await awardRecentlyEarnedBadges(db, BASE)).toBeGreaterThanOrEqual(1);
    expect(await badgeOf(learner.id)).toHaveLength(1);
    expect((await getPathPage(db, learner, SENIORS, { anonymousToken: null })).badge).toMatchObject({ revoked: false });
  });
});

describe("the recipient's name on the verify page", () => {
  it("is shown only when the learner allows it", async () => {
    const learner = await learnerWithSeniorsPath({ firstName: "Odette" });
    const mine = await listMyBadges(db, learner);
    const id = mine.badges[0]!.id;
    expect((await getBadgeVerification(db, null, id)).recipientName).toBeNull();
    await setBadgeNameVisibility(db, learner, id, true);
    expect((await getBadgeVerification(db, null, id)).recipientName).toBe("Odette");
    await setBadgeNameVisibility(db, learner, id, false);
    expect((await getBadgeVerification(db, null, id)).recipientName).toBeNull();
    const someoneElse = await createUser(db);
    expect(await status(setBadgeNameVisibility(db, someoneElse, id, true))).toBe(404);
  });

  it("is never public for a learner who may be under 15", async () => {
    const learner = await learnerWithSeniorsPath({ firstName: "Léo" });
    await db.updateTable("app_user").set({ age_band: "douze_dix_huit" }).where("id", "=", learner.id).execute();
    const minor = { ...learner, age_band: "douze_dix_huit" };
    const mine = await listMyBadges(db, minor);
    expect(mine.minor).toBe(true);
    const id = mine.badges[0]!.id;
    expect(await status(setBadgeNameVisibility(db, minor, id, true))).toBe(403);
    // Even if the flag were set (before the age band was known), the page hides the name.
    await db.updateTable("badge").set({ show_name: true }).where("id", "=", id).execute();
    expect((await getBadgeVerification(db, null, id)).recipientName).toBeNull();
  });
});

describe("downloads", () => {
  it("gives the owner the JWT, the JSON credential (labelled unsigned) and a one-page PDF certificate with a QR code", async () => {
    const learner = await learnerWithSeniorsPath({ firstName: "Josette" });
    const { badges } = await listMyBadges(db, learner);
    const id = badges[0]!.id;
    const jwt = await badgeDownload(db, learner, id, "jwt", "fr");
    expect(jwt.headers.get("Content-Type")).toBe("application/vc+jwt");
    expect((await jwt.text()).split(".")).toHaveLength(3);
    const jsonResponse = await badgeDownload(db, learner, id, "json", "fr");
    // The JSON carries no proof: it says so in its name and type, and points to the signed file.
    expect(jsonResponse.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(jsonResponse.headers.get("Content-Disposition")).toMatch(/filename="badge-[0-9a-f]{8}\.non-signe\.json"/);
    expect(jsonResponse.headers.get("Link")).toBe(`</badges/${id}/badge.jwt>; rel="alternate"; type="application/vc+jwt"`);
    const json = await jsonResponse.json();
    expect(validateJsonSchema(json, OPEN_BADGE_CREDENTIAL_SCHEMA)).toEqual([]);

    const pdf = Buffer.from(await (await badgeDownload(db, learner, id, "pdf", "fr")).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfInfo(pdf).Pages).toBe("1");
    expect(pdfToText(pdf)).toContain("Josette");
    // The QR code is drawn as vector squares: many small filled rectangles.
    expect((pdfContent(pdf).match(/ re\n/g) ?? []).length).toBeGreaterThan(200);

    const stranger = await createUser(db);
    expect(await status(badgeDownload(db, stranger, id, "jwt", "fr"))).toBe(404);
    expect(await status(badgeDownload(db, coordinator, id, "pdf", "fr"))).toBe(200);
  });
});

describe("course badges and the issuer key", () => {
  it("issues the badge of a badge-bearing course when the course is completed", async () => {
    const learner = await createUser(db);
    await completeCourseThroughPlayer(db, learner, courses.get("decouvrir-la-programmation")!);
    const issued = await awardEarnedBadges(db, learner.id, BASE);
    expect(issued).toHaveLength(1);
    const verification = await getBadgeVerification(db, null, issued[0]!);
    expect(verification).toMatchObject({ status: "valid", achievement: { name: "Premiers pas en programmation" } });
  });

  it("the periodic job issues badges to learners who completed recently without coming back", async () => {
    const learner = await learnerWithSeniorsPath({}, { award: false });
    expect(await awardRecentlyEarnedBadges(db, undefined)).toBe(0);
    expect(await awardRecentlyEarnedBadges(db, BASE)).toBeGreaterThanOrEqual(1);
    expect(await badgeOf(learner.id)).toHaveLength(1);
  });

  it("keeps one active key; after a rotation, old badges still verify and new ones use the new key", async () => {
    const learner = await learnerWithSeniorsPath();
    await awardEarnedBadges(db, learner.id, BASE);
    const keysBefore = await db.selectFrom("issuer_key").select(["id", "retired_at"]).execute();
    expect(keysBefore.filter((k) => !k.retired_at)).toHaveLength(1);
    const rotated = await rotateIssuerKey(db);
    expect(rotated.id).not.toBe(keysBefore.find((k) => !k.retired_at)!.id);

    const [oldBadge] = await badgeOf(learner.id);
    expect((await getBadgeVerification(db, null, oldBadge!.id)).status).toBe("valid");
    const next = await learnerWithSeniorsPath();
    await awardEarnedBadges(db, next.id, BASE);
    const [newBadge] = await badgeOf(next.id);
    expect(newBadge!.key_id).toBe(rotated.id);
    expect((await issuerJwks(db, BASE)).keys.map((k) => k.kid)).toEqual(
      expect.arrayContaining([`${BASE}/badges/emetteur/cles/${oldBadge!.key_id}`, `${BASE}/badges/emetteur/cles/${rotated.id}`]),
    );
  });

  it("lists issued badges for coordinators only", async () => {
    const list = await listIssuedBadges(db, coordinator, 1);
    expect(list.rows.length).toBeGreaterThan(0);
    expect(await status(listIssuedBadges(db, await createUser(db, { role: "mediator" }), 1))).toBe(403);
  });
});

describe("personal data", () => {
  it("exports a learner's diagnostics, business reports and badges, and erases them with the account", async () => {
    const learner = await learnerWithSeniorsPath();
    await awardEarnedBadges(db, learner.id, BASE);
    await takeDiagnostic(db, learner, Object.fromEntries(QUESTIONS.map((q) => [q.id, q.options[0]!.id])));
    await takeBusinessDiagnostic(db, learner, { businessName: "Mercerie Josette", sector: "commerce", answers: Object.fromEntries(BUSINESS_QUESTIONS.map((q) => [q.id, q.options[0]!.id])) });
    const data = (await exportPersonalData(db, learner)) as { paths: { diagnostics: unknown[]; businessDiagnostics: { business_name: string }[]; badges: { name: string }[] } };
    expect(data.paths.diagnostics).toHaveLength(1);
    expect(data.paths.businessDiagnostics.map((b) => b.business_name)).toEqual(["Mercerie Josette"]);
    expect(data.paths.badges.map((b) => b.name)).toEqual(["Autonome avec le numérique au quotidien"]);
    const [badge] = await badgeOf(learner.id);

    await deleteOwnAccount(db, learner, TEST_PASSWORD);
    expect(await badgeOf(learner.id)).toEqual([]);
    expect(await status(getBadgeVerification(db, null, badge!.id))).toBe(404);
    expect(await db.selectFrom("business_diagnostic").select("id").where("business_name", "=", "Mercerie Josette").execute()).toEqual([]);
    expect(await db.selectFrom("diagnostic_result").select("id").where("user_id", "=", learner.id).execute()).toEqual([]);
  });
});
