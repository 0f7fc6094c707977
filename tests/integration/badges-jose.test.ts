import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { createRemoteJWKSet, decodeProtectedHeader, importJWK, jwtVerify, type JWTPayload } from "jose";
import { RouterContextProvider } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { awardEarnedBadges, issueBadge, revokeBadge } from "../../app/features/badges/service.server";
import { dbContext, sessionContext } from "../../app/lib/context";
import type { Db } from "../../app/lib/db.server";
import { resetEnvForTests } from "../../app/lib/env.server";
import { loader as issuerLoader } from "../../app/routes/badges.issuer";
import { loader as jwksLoader } from "../../app/routes/badges.jwks";
import { loader as keyLoader } from "../../app/routes/badges.key";
import { loader as statusListLoader } from "../../app/routes/badges.status-list";
import type { SeededCourse } from "./courses-helpers";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { completeCourseThroughPlayer, seedPathsAndCourses } from "./paths-fixtures";

/**
 * Issue 15, Open Badges 3.0 §8.2: a badge checked end to end by `jose` (a
 * JOSE library that shares nothing with our signing code), which fetches the
 * issuer's keys over HTTP from their published address, and revocation read
 * from the published status list (fetched, signature checked, bit decoded).
 * The routes are served by a real HTTP server calling the app's own route
 * loaders; the badges are issued for that server's address, as APP_URL.
 */
let db: Db;
let server: Server;
let base: string;
let courses: Map<string, SeededCourse>;
let coordinator: User;
const previousAppUrl = process.env.APP_URL;

const ROUTES: [RegExp, (args: { request: Request; context: RouterContextProvider; params: Record<string, string> }) => Promise<Response>][] = [
  [/^\/badges\/emetteur$/, issuerLoader as never],
  [/^\/badges\/emetteur\/jwks\.json$/, jwksLoader as never],
  [/^\/badges\/emetteur\/cles\/(?<thumbprint>[^/]+)$/, keyLoader as never],
  [/^\/badges\/emetteur\/statuts\/(?<list>[^/]+)$/, statusListLoader as never],
];

async function serve(url: URL): Promise<Response> {
  for (const [pattern, loader] of ROUTES) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const context = new RouterContextProvider();
    context.set(dbContext, db);
    context.set(sessionContext, null);
    try {
      return await loader({ request: new Request(url), context, params: { ...match.groups } });
    } catch (error) {
      // appError() throws React Router's data(): its status is what the app answers.
      const status = (error as { init?: { status?: number } }).init?.status;
      if (status) return new Response(null, { status });
      throw error;
    }
  }
  return new Response(null, { status: 404 });
}

beforeAll(async () => {
  db = await testDb();
  server = createServer((req, res) => {
    serve(new URL(req.url!, base)).then(
      async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.APP_URL = base;
  resetEnvForTests();
  courses = await seedPathsAndCourses(db);
  coordinator = await createUser(db, { role: "coordinator" });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (previousAppUrl === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = previousAppUrl;
  resetEnvForTests();
});

async function newBadge(firstName: string) {
  const learner = await createUser(db, { firstName });
  await completeCourseThroughPlayer(db, learner, courses.get("creer-et-utiliser-une-adresse-e-mail")!);
  await completeCourseThroughPlayer(db, learner, courses.get("se-proteger-des-arnaques-en-ligne")!);
  const [id] = await awardEarnedBadges(db, learner.id, base);
  return db.selectFrom("badge").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
}

type Credential = JWTPayload & {
  id: string;
  issuer: { id: string };
  validFrom: string;
  credentialSubject: { id: string };
  credentialStatus: { type: string; statusPurpose: string; statusListIndex: string; statusListCredential: string };
};

/** Fetches the status list a credential names, checks its signature with the issuer's JWKS, and reads the credential's bit. */
async function revocationBit(jwks: ReturnType<typeof createRemoteJWKSet>, status: Credential["credentialStatus"]) {
  const response = await fetch(status.statusListCredential);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/vc+jwt");
  const { payload } = await jwtVerify<{ type: string[]; credentialSubject: { type: string; statusPurpose: string; encodedList: string } }>(await response.text(), jwks, {
    typ: "vc+jwt",
    algorithms: ["EdDSA"],
    issuer: `${base}/badges/emetteur`,
  });
  expect(payload.type).toEqual(["VerifiableCredential", "BitstringStatusListCredential"]);
  expect(payload.credentialSubject).toMatchObject({ type: "BitstringStatusList", statusPurpose: "revocation" });
  // Multibase "u" = base64url without padding, of the GZIP-compressed bitstring; index 0 is the left-most bit.
  const { encodedList } = payload.credentialSubject;
  expect(encodedList[0]).toBe("u");
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), "base64url"));
  expect(bits.length).toBeGreaterThanOrEqual(16 * 1024);
  const index = Number(status.statusListIndex);
  return (bits[Math.floor(index / 8)]! >> (7 - (index % 8))) & 1;
}

describe("a badge checked by jose against the issuer's published keys (OB 3.0 §8.2)", () => {
  it("verifies with the JWKS fetched over HTTP; typ JWT; sub, iss, jti, nbf are the credential's", async () => {
    const badge = await newBadge("Łucja");
    const jwks = createRemoteJWKSet(new URL(`${base}/badges/emetteur/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify<Credential>(badge.credential_jwt, jwks, {
      typ: "JWT",
      algorithms: ["EdDSA"],
      issuer: `${base}/badges/emetteur`,
    });
    expect(protectedHeader).toEqual({ alg: "EdDSA", typ: "JWT", kid: `${base}/badges/emetteur/cles/${badge.key_id}` });
    expect(payload.sub).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(payload.sub).toBe(payload.credentialSubject.id);
    expect(payload.iss).toBe(payload.issuer.id);
    expect(payload.jti).toBe(payload.id);
    expect(payload.jti).toBe(`${base}/badges/${badge.id}`);
    expect(payload.nbf).toBe(Date.parse(payload.validFrom) / 1000);
  });

  it("its kid dereferences to the public key as a JWK, which verifies it too; the issuer profile names it", async () => {
    const badge = await newBadge("Ngọc");
    const { kid } = decodeProtectedHeader(badge.credential_jwt);
    const response = await fetch(kid!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/jwk+json");
    const jwk = await response.json();
    expect(jwk).toEqual({ kty: "OKP", crv: "Ed25519", x: expect.any(String), kid, alg: "EdDSA", use: "sig" });
    await expect(jwtVerify(badge.credential_jwt, await importJWK(jwk, "EdDSA"), { typ: "JWT" })).resolves.toBeTruthy();
    const profile = await (await fetch(`${base}/badges/emetteur`)).json();
    expect(profile.verificationMethod.map((m: { id: string }) => m.id)).toContain(kid);
    expect((await fetch(`${base}/badges/emetteur/cles/${"A".repeat(43)}`)).status).toBe(404);
    expect((await fetch(`${base}/badges/emetteur/cles/pas-une-cle`)).status).toBe(404);
  });

  it("fails in jose when any single character is altered (header, payload or signature)", async () => {
    const badge = await newBadge("Ağça");
    const jwks = createRemoteJWKSet(new URL(`${base}/badges/emetteur/jwks.json`));
    const jwt = badge.credential_jwt;
    await jwtVerify(jwt, jwks);
    let altered = 0;
    for (let i = 0; i < jwt.length; i++) {
      if (jwt[i] === ".") continue;
      const tampered = jwt.slice(0, i) + (jwt[i] === "A" ? "B" : "A") + jwt.slice(i + 1);
      // The last character of a segment carries unused bits (an Ed25519 signature ends "A", "Q", "g" or "w"):
      // "A" → "B" changes no byte of the signature, so it is not an alteration (it made this test fail one run in four).
      const segment = (s: string) => s.split(".")[jwt.slice(0, i).split(".").length - 1]!;
      if (Buffer.from(segment(tampered), "base64url").equals(Buffer.from(segment(jwt), "base64url")) && segment(jwt).length === segment(tampered).length && i === jwt.length - 1) continue;
      await expect(jwtVerify(tampered, jwks), `position ${i}`).rejects.toThrow();
      altered++;
    }
    expect(altered).toBeGreaterThan(1000);
  });
});

describe("revocation through the published status list (W3C Bitstring Status List)", () => {
  it("the bit of a badge is 0, then 1 once a coordinator revokes it; other badges keep theirs", async () => {
    const jwks = createRemoteJWKSet(new URL(`${base}/badges/emetteur/jwks.json`));
    const kept = await newBadge("Odette");
    const revoked = await newBadge("Lucien");
    const statusOf = async (jwt: string) => (await jwtVerify<Credential>(jwt, jwks)).payload.credentialStatus;
    const keptStatus = await statusOf(kept.credential_jwt);
    const revokedStatus = await statusOf(revoked.credential_jwt);
    expect(revokedStatus).toMatchObject({ type: "BitstringStatusListEntry", statusPurpose: "revocation", statusListCredential: `${base}/badges/emetteur/statuts/1` });
    expect(revokedStatus.statusListIndex).not.toBe(keptStatus.statusListIndex);
    expect(await revocationBit(jwks, revokedStatus)).toBe(0);
    expect(await revocationBit(jwks, keptStatus)).toBe(0);

    await revokeBadge(db, coordinator, revoked.id, "Délivré par erreur");
    expect(await revocationBit(jwks, revokedStatus)).toBe(1);
    expect(await revocationBit(jwks, keptStatus)).toBe(0);
  });

  it("the list itself is signed: one altered character fails; an unknown list is a 404", async () => {
    const jwks = createRemoteJWKSet(new URL(`${base}/badges/emetteur/jwks.json`));
    await newBadge("Marcel");
    const list = await (await fetch(`${base}/badges/emetteur/statuts/1`)).text();
    await jwtVerify(list, jwks);
    const i = list.indexOf(".") + 80;
    await expect(jwtVerify(list.slice(0, i) + (list[i] === "A" ? "B" : "A") + list.slice(i + 1), jwks)).rejects.toThrow();
    // Same list, same bytes (Ed25519 is deterministic and the list's date is its last change): caches and replicas agree.
    expect(await (await fetch(`${base}/badges/emetteur/statuts/1`)).text()).toBe(list);
    for (const path of ["/badges/emetteur/statuts/2", "/badges/emetteur/statuts/0", "/badges/emetteur/statuts/abc"]) {
      expect((await fetch(`${base}${path}`)).status, path).toBe(404);
    }
  });

  it("draws another bit when the one drawn is taken, and never gives two badges the same bit", async () => {
    const taken = await newBadge("Simone");
    const achievement = await db.selectFrom("achievement").selectAll().where("kind", "=", "course").where("course_slug", "=", "decouvrir-la-programmation").executeTakeFirstOrThrow();
    const learner = await createUser(db);
    const draws = [{ list: 1, index: taken.status_list_index! }, { list: 1, index: 7 }];
    const id = await issueBadge(db, { achievement, userId: learner.id, baseUrl: base, drawStatus: () => draws.shift()! });
    const issued = await db.selectFrom("badge").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
    expect(issued.status_list_index).toBe(7);
    expect(draws).toEqual([]);
    expect((issued.credential as { credentialStatus: { statusListIndex: string } }).credentialStatus.statusListIndex).toBe("7");
    // Asked again for the same learner and achievement: nothing more, whatever bit is drawn.
    expect(await issueBadge(db, { achievement, userId: learner.id, baseUrl: base, drawStatus: () => ({ list: 1, index: 8 }) })).toBeNull();

    const rows = await db.selectFrom("badge").select(["status_list", "status_list_index"]).where("status_list_index", "is not", null).execute();
    expect(new Set(rows.map((r) => `${r.status_list}:${r.status_list_index}`)).size).toBe(rows.length);
  });
});
