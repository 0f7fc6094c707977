import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/lib/db.server";
import { issueCredential } from "../../app/features/xapi/credentials.server";
import { handleStatements, MAX_MULTIPART_BYTES } from "../../app/features/xapi/http.server";
import { boundaryOf, buildMultipart, parseMultipart } from "../../app/features/xapi/multipart";
import { serverT } from "../../app/lib/i18n.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

const BASE = "http://lrs.test/xapi/statements";
const SIGNATURE = "http://adlnet.gov/expapi/attachments/signature";
const t = serverT("en");
let db: Db;
let auth: string;

type Json = Record<string, unknown>;
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

function call(method: string, query = "", body?: Buffer | string, contentType?: string) {
  const headers: Record<string, string> = { Authorization: auth, "X-Experience-API-Version": "1.0.3" };
  if (contentType) headers["Content-Type"] = contentType;
  const init = typeof body === "string" || body === undefined ? body : new Uint8Array(body);
  return handleStatements(new Request(`${BASE}${query}`, { method, headers, body: init }), { db, t });
}

interface Part {
  data: Buffer;
  headers?: Record<string, string>;
}

/** A multipart/mixed request: the statements, then one part per data (well-formed headers unless overridden). */
function multipart(statements: unknown, parts: Part[], boundary = "abcABC0123'()+_,-./:=?") {
  const body = buildMultipart(boundary, [
    { headers: { "Content-Type": "application/json" }, body: Buffer.from(JSON.stringify(statements)) },
    ...parts.map((p) => ({
      headers: p.headers ?? { "Content-Type": "text/plain", "Content-Transfer-Encoding": "binary", "X-Experience-API-Hash": sha256(p.data) },
      body: p.data,
    })),
  ]);
  return { body, contentType: `multipart/mixed; boundary="${boundary}"` };
}

function postMultipart(statements: unknown, parts: Part[], query = "", method = "POST") {
  const { body, contentType } = multipart(statements, parts);
  return call(method, query, body, contentType);
}

function attachment(data: Buffer, overrides: Json = {}): Json {
  return {
    usageType: "https://passerelle.example/usages/copie",
    display: { "fr-FR": "Copie rendue" },
    contentType: "text/plain",
    length: data.length,
    sha2: sha256(data),
    ...overrides,
  };
}

function statement(overrides: Json = {}): Json {
  return {
    id: randomUUID(),
    actor: { objectType: "Agent", mbox: "mailto:ana@example.org" },
    verb: { id: "http://adlnet.gov/expapi/verbs/attempted" },
    object: { id: `https://passerelle.example/activites/${randomUUID()}` },
    ...overrides,
  };
}

async function errorOf(response: Response) {
  return { status: response.status, error: (JSON.parse(await response.text()) as { error: string }).error };
}

/** Reads a multipart/mixed answer: the JSON part, then the data parts with their headers. */
async function readMultipart(response: Response) {
  expect(response.status).toBe(200);
  const boundary = boundaryOf(response.headers.get("Content-Type") ?? "");
  expect(response.headers.get("Content-Type")).toMatch(/^multipart\/mixed;/);
  const [first, ...rest] = parseMultipart(Buffer.from(await response.arrayBuffer()), boundary!);
  expect(first!.headers.get("content-type")).toMatch(/^application\/json/);
  return { json: JSON.parse(first!.body.toString("utf8")), parts: rest };
}

async function storedAttachments(...sha2: string[]) {
  const rows = await db.selectFrom("xapi_attachment").select(["sha2", "length"]).where("sha2", "in", sha2).execute();
  return rows.map((r) => r.sha2).sort();
}

beforeAll(async () => {
  db = await testDb();
  const coordinator = await createUser(db, { role: "coordinator" });
  const issued = await issueCredential(db, coordinator, { label: "attachments", scopes: ["all"] });
  auth = `Basic ${Buffer.from(`${issued.api_key}:${issued.secret}`).toString("base64")}`;
});

describe("storing attachments sent as multipart/mixed", () => {
  it("stores one statement with its attachment and returns both with attachments=true", async () => {
    const data = Buffer.from(`Ma copie\r\n--abcABC0123 not the boundary\r\n${randomUUID()}\u00e9`, "utf8");
    const s = statement({ attachments: [attachment(data)] });
    const response = await postMultipart(s, [{ data }]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([s.id]);

    const { json, parts } = await readMultipart(await call("GET", `?statementId=${s.id}&attachments=true`));
    expect(json.id).toBe(s.id);
    expect(json.attachments).toEqual(s.attachments);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.body.equals(data)).toBe(true);
    expect(parts[0]!.headers.get("x-experience-api-hash")).toBe(sha256(data));
    expect(parts[0]!.headers.get("content-transfer-encoding")).toBe("binary");
    expect(parts[0]!.headers.get("content-type")).toBe("text/plain");

    const plain = await call("GET", `?statementId=${s.id}&attachments=false`);
    expect(plain.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect((await plain.json()).id).toBe(s.id);
  });

  it("stores a batch whose statements share data once, and a query returns each data once", async () => {
    const shared = Buffer.from(`shared ${randomUUID()}`);
    const image = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]), Buffer.from(randomUUID())]);
    const activity = `https://passerelle.example/activites/${randomUUID()}`;
    const first = statement({ object: { id: activity }, attachments: [attachment(shared), attachment(image, { contentType: "image/png" })] });
    const second = statement({ object: { id: activity }, attachments: [attachment(shared)] });
    const response = await postMultipart([first, second], [{ data: shared }, { data: image, headers: {
      "Content-Type": "image/png", "Content-Transfer-Encoding": "binary", "X-Experience-API-Hash": sha256(image).toUpperCase(),
    } }]);
    expect(response.status).toBe(200);
    expect(await storedAttachments(sha256(shared), sha256(image))).toEqual([sha256(shared), sha256(image)].sort());
    const links = await db.selectFrom("xapi_statement_attachment").select("statement_id").where("sha2", "=", sha256(shared)).execute();
    expect(links.map((l) => l.statement_id).sort()).toEqual([first.id, second.id].sort());

    const query = `?activity=${encodeURIComponent(activity)}&attachments=true`;
    const { json, parts } = await readMultipart(await call("GET", query));
    expect(json.statements.map((s: Json) => s.id).sort()).toEqual([first.id, second.id].sort());
    const byHash = new Map(parts.map((p) => [p.headers.get("x-experience-api-hash"), p]));
    expect(byHash.size).toBe(2);
    expect(byHash.get(sha256(shared))!.body.equals(shared)).toBe(true);
    expect(byHash.get(sha256(image))!.body.equals(image)).toBe(true);
    expect(byHash.get(sha256(image))!.headers.get("content-type")).toBe("image/png");

    const plain = await call("GET", `?activity=${encodeURIComponent(activity)}`);
    expect(plain.headers.get("Content-Type")).toMatch(/^application\/json/);
  });

  it("accepts PUT as multipart/mixed", async () => {
    const data = Buffer.from(`put ${randomUUID()}`);
    const s = statement({ attachments: [attachment(data)] });
    expect((await postMultipart(s, [{ data }], `?statementId=${s.id}`, "PUT")).status).toBe(204);
    expect(await storedAttachments(sha256(data))).toEqual([sha256(data)]);
  });

  it("accepts attachments that all have a fileUrl, as JSON or as multipart without data", async () => {
    const remote = attachment(Buffer.from("elsewhere"), { fileUrl: "https://files.example.org/copie.txt" });
    const json = statement({ attachments: [remote] });
    expect((await call("POST", "", JSON.stringify(json), "application/json")).status).toBe(200);
    const { json: answer, parts } = await readMultipart(await call("GET", `?statementId=${json.id}&attachments=true`));
    expect(answer.attachments).toEqual([remote]);
    expect(parts).toHaveLength(0);
    expect((await postMultipart(statement({ attachments: [remote] }), [])).status).toBe(200);
    expect((await postMultipart(statement(), [])).status).toBe(200);
  });
});

describe("refusing attachment requests that break §1.5.2", () => {
  const data = Buffer.from("the data");
  const hash = sha256(data);

  it("refuses an attachment without fileUrl and without its part (JSON or multipart)", async () => {
    const s = statement({ attachments: [attachment(data)] });
    expect(await errorOf(await call("POST", "", JSON.stringify(s), "application/json"))).toEqual({ status: 400, error: "attachment_missing" });
    expect(await errorOf(await postMultipart(s, []))).toEqual({ status: 400, error: "attachment_missing" });
  });

  it("refuses a part that no attachment declares", async () => {
    const other = Buffer.from("unrelated");
    const s = statement({ attachments: [attachment(data)] });
    expect(await errorOf(await postMultipart(s, [{ data }, { data: other }]))).toEqual({ status: 400, error: "attachment_part_unexpected" });
  });

  it("refuses data that does not match its X-Experience-API-Hash", async () => {
    const s = statement({ attachments: [attachment(data)] });
    const part = { data: Buffer.from("tampered"), headers: { "Content-Transfer-Encoding": "binary", "X-Experience-API-Hash": hash } };
    expect(await errorOf(await postMultipart(s, [part]))).toEqual({ status: 400, error: "attachment_hash_mismatch" });
  });

  it.each([
    ["no hash", { "Content-Transfer-Encoding": "binary" }],
    ["a hash that is not SHA-2 hex", { "Content-Transfer-Encoding": "binary", "X-Experience-API-Hash": "abc" }],
    ["no Content-Transfer-Encoding", { "X-Experience-API-Hash": hash }],
    ["base64 transfer encoding", { "Content-Transfer-Encoding": "base64", "X-Experience-API-Hash": hash }],
  ])("refuses a part with %s", async (_, headers) => {
    const s = statement({ attachments: [attachment(data)] });
    expect(await errorOf(await postMultipart(s, [{ data, headers }]))).toEqual({ status: 400, error: "attachment_part_headers" });
  });

  it("refuses a missing boundary, a malformed body and a first part that is not JSON", async () => {
    const s = statement({ attachments: [attachment(data)] });
    const { body } = multipart(s, [{ data }], "bnd");
    expect(await errorOf(await call("POST", "", body, "multipart/mixed"))).toEqual({ status: 400, error: "multipart_boundary" });
    const lf = Buffer.from(body.toString("latin1").replace(/\r\n/g, "\n"), "latin1");
    expect(await errorOf(await call("POST", "", lf, "multipart/mixed; boundary=bnd"))).toEqual({ status: 400, error: "multipart_malformed" });
    const cut = body.subarray(0, body.length - 10);
    expect(await errorOf(await call("POST", "", cut, "multipart/mixed; boundary=bnd"))).toEqual({ status: 400, error: "multipart_malformed" });
    const text = buildMultipart("bnd", [{ headers: { "Content-Type": "text/plain" }, body: Buffer.from(JSON.stringify(s)) }]);
    expect(await errorOf(await call("POST", "", text, "multipart/mixed; boundary=bnd"))).toEqual({ status: 400, error: "multipart_first_part" });
  });

  it("refuses a request over the size cap with 413", async () => {
    const big = Buffer.alloc(MAX_MULTIPART_BYTES + 1, 0x61);
    const s = statement({ attachments: [attachment(big)] });
    expect(await errorOf(await postMultipart(s, [{ data: big }]))).toEqual({ status: 413, error: "too_large" });
  });

  it("stores nothing of a batch refused in the database (all or nothing)", async () => {
    const existing = statement();
    expect((await call("POST", "", JSON.stringify(existing), "application/json")).status).toBe(200);
    const fresh = Buffer.from(`never stored ${randomUUID()}`);
    const good = statement({ attachments: [attachment(fresh)] });
    const conflicting = { ...existing, verb: { id: "http://adlnet.gov/expapi/verbs/failed" } };
    expect(await errorOf(await postMultipart([good, conflicting], [{ data: fresh }]))).toEqual({ status: 409, error: "conflict" });
    expect(await storedAttachments(sha256(fresh))).toEqual([]);
    expect(await db.selectFrom("xapi_statement").select("id").where("id", "=", String(good.id)).executeTakeFirst()).toBeUndefined();
  });

  it("deletes the data with the last statement that references it", async () => {
    const shared = Buffer.from(`erasable ${randomUUID()}`);
    const own = Buffer.from(`own ${randomUUID()}`);
    const a = statement({ attachments: [attachment(shared), attachment(own)] });
    const b = statement({ attachments: [attachment(shared)] });
    expect((await postMultipart([a, b], [{ data: shared }, { data: own }])).status).toBe(200);
    await db.deleteFrom("xapi_statement").where("id", "=", String(a.id)).execute();
    expect(await storedAttachments(sha256(shared), sha256(own))).toEqual([sha256(shared)]);
    await db.deleteFrom("xapi_statement").where("id", "=", String(b.id)).execute();
    expect(await storedAttachments(sha256(shared))).toEqual([]);
  });
});

/**
 * node:crypto makes keys and signatures but not certificates: the test
 * builds a minimal self-signed X.509 certificate in DER by hand (RFC 5280
 * structure, sha256WithRSAEncryption), which X509Certificate then parses.
 */
function der(tag: number, ...contents: Buffer[]) {
  const body = Buffer.concat(contents);
  const bytes: number[] = [];
  for (let n = body.length; n > 0; n >>= 8) bytes.unshift(n & 255);
  const length = body.length < 128 ? [body.length] : [0x80 | bytes.length, ...bytes];
  return Buffer.concat([Buffer.from([tag, ...length]), body]);
}

function selfSignedCertificate(publicKey: KeyObject, privateKey: KeyObject) {
  const seq = (...c: Buffer[]) => der(0x30, ...c);
  const algorithm = seq(Buffer.from("06092a864886f70d01010b0500", "hex"));
  const name = seq(der(0x31, seq(Buffer.from("0603550403", "hex"), der(0x0c, Buffer.from("Passerelle test signer")))));
  const validity = seq(der(0x17, Buffer.from("250101000000Z")), der(0x17, Buffer.from("350101000000Z")));
  const spki = publicKey.export({ type: "spki", format: "der" });
  const tbs = seq(der(0xa0, der(0x02, Buffer.from([2]))), der(0x02, Buffer.from([1])), algorithm, name, validity, name, spki);
  return seq(tbs, algorithm, der(0x03, Buffer.from([0]), sign("sha256", tbs, privateKey))).toString("base64");
}

describe("signed statements (xAPI-Data §2.6)", () => {
  const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const otherKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const HASH: Record<string, string> = { RS256: "sha256", RS384: "sha384", RS512: "sha512", PS256: "sha256" };

  function jws(payload: unknown, { alg = "RS256", x5c, key = keys.privateKey }: { alg?: string; x5c?: string[]; key?: KeyObject } = {}) {
    const head = Buffer.from(JSON.stringify({ alg, ...(x5c ? { x5c } : {}) })).toString("base64url");
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    return `${head}.${body}.${sign(HASH[alg] ?? "sha256", Buffer.from(`${head}.${body}`), key).toString("base64url")}`;
  }

  /** The statement as sent: the original plus its signature attachment. */
  function signedRequest(original: Json, token: string, overrides: Json = {}) {
    const data = Buffer.from(token);
    const sig = attachment(data, { usageType: SIGNATURE, contentType: "application/octet-stream", ...overrides });
    const sent = { ...original, attachments: [...((original.attachments as Json[]) ?? []), sig] };
    return postMultipart(sent, [{ data }]);
  }

  it("accepts RS256, RS384 and RS512 signatures of the statement, and stores the JWS", async () => {
    for (const alg of ["RS256", "RS384", "RS512"]) {
      const original = statement({ timestamp: "2026-12-08T10:00:00.000Z" });
      const token = jws(original, { alg });
      expect((await signedRequest(original, token)).status).toBe(200);
      const { parts } = await readMultipart(await call("GET", `?statementId=${original.id}&attachments=true`));
      expect(parts[0]!.body.toString()).toBe(token);
    }
  });

  it("verifies the signature with the x5c certificate when there is one", async () => {
    const x5c = [selfSignedCertificate(keys.publicKey, keys.privateKey)];
    const original = statement();
    expect((await signedRequest(original, jws(original, { x5c }))).status).toBe(200);
    const forged = statement();
    const wrongKey = jws(forged, { x5c, key: otherKeys.privateKey });
    expect(await errorOf(await signedRequest(forged, wrongKey))).toEqual({ status: 400, error: "signature_invalid" });
    expect(await errorOf(await signedRequest(forged, jws(forged, { x5c: ["bm90IGEgY2VydA=="] })))).toEqual({
      status: 400,
      error: "signature_malformed",
    });
  });

  it("accepts a payload that differs only where the LRS may differ (authority, stored, verb display)", async () => {
    const original = statement({ verb: { id: "http://adlnet.gov/expapi/verbs/attempted", display: { en: "attempted" } } });
    const sent = { ...original, verb: { id: "http://adlnet.gov/expapi/verbs/attempted" } };
    const token = jws({ ...original, authority: { mbox: "mailto:signer@example.org" }, stored: "2020-01-01T00:00:00Z" });
    expect((await signedRequest(sent, token)).status).toBe(200);
  });

  it.each([
    ["a payload that is another statement", "signature_mismatch", (s: Json) => jws({ ...s, verb: { id: "http://adlnet.gov/expapi/verbs/failed" } })],
    ["a payload with another id", "signature_mismatch", (s: Json) => jws({ ...s, id: randomUUID() })],
    ["a payload that is not a statement", "signature_payload", () => jws({ hello: "world" })],
    ["an HMAC or PSS algorithm", "signature_algorithm", (s: Json) => jws(s, { alg: "PS256" })],
    ["something that is not a JWS", "signature_malformed", () => "not-a-jws"],
    ["a JWS whose header is not JSON", "signature_malformed", (s: Json) => `bm90IGpzb24.${jws(s).split(".").slice(1).join(".")}`],
  ])("refuses %s", async (_, error, token) => {
    const original = statement();
    expect(await errorOf(await signedRequest(original, token(original)))).toEqual({ status: 400, error });
    expect(await db.selectFrom("xapi_statement").select("id").where("id", "=", String(original.id)).executeTakeFirst()).toBeUndefined();
  });

  it("refuses a signature attachment that is not application/octet-stream", async () => {
    const original = statement();
    const response = await signedRequest(original, jws(original), { contentType: "text/plain" });
    expect(await errorOf(response)).toEqual({ status: 400, error: "signature_content_type" });
  });
});
