import { randomUUID } from "node:crypto";
import { publicUrl } from "../../app/lib/public-url.server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/lib/db.server";
import type { XapiScope } from "../../db/schema/xapi";
import { issueCredential, revokeCredential } from "../../app/features/xapi/credentials.server";
import { handleAbout, handleStatements } from "../../app/features/xapi/http.server";
import { serverT } from "../../app/lib/i18n.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import {
  H5P_ACTIVITY,
  h5pAnswered,
  h5pAttempted,
  h5pCompleted,
  h5pDragAndDropAnswered,
  h5pFillInAnswered,
} from "../fixtures/h5p/statements";

const BASE = "http://lrs.test/xapi/statements";
const t = serverT("en");
let db: Db;
let writer: string;
let reader: string;

async function credential(scopes: XapiScope[]) {
  const coordinator = await createUser(db, { role: "coordinator" });
  const issued = await issueCredential(db, coordinator, { label: `client ${scopes.join("+")}`, scopes });
  return { header: `Basic ${Buffer.from(`${issued.api_key}:${issued.secret}`).toString("base64")}`, issued, coordinator };
}

function call(
  method: string,
  query = "",
  { body, auth = writer, version = "1.0.3", headers = {} }: { body?: unknown; auth?: string | null; version?: string | null; headers?: Record<string, string> } = {},
) {
  const h: Record<string, string> = { ...headers };
  if (auth) h.Authorization = auth;
  if (version) h["X-Experience-API-Version"] = version;
  if (body !== undefined && !h["Content-Type"]) h["Content-Type"] = "application/json";
  const request = new Request(`${BASE}${query}`, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return handleStatements(request, { db, t });
}

async function json(response: Response) {
  return JSON.parse(await response.text());
}

const unique = () => `https://passerelle.example/activites/${randomUUID()}`;
function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> & { verb: { id: string; display?: Record<string, string> } } {
  return {
    actor: { objectType: "Agent", name: "Ana", mbox: "mailto:ana@example.org" },
    verb: { id: "http://adlnet.gov/expapi/verbs/experienced", display: { "fr-FR": "a vu" } },
    object: { id: unique(), objectType: "Activity" },
    ...overrides,
  };
}

async function countStatements(where: { activity?: string } = {}) {
  let q = db.selectFrom("xapi_statement").select((eb) => eb.fn.countAll<string>().as("n"));
  if (where.activity) q = q.where("activity_id", "=", where.activity);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

beforeAll(async () => {
  db = await testDb();
  writer = (await credential(["statements/write", "statements/read"])).header;
  reader = (await credential(["statements/read"])).header;
});

describe("LRS headers and authentication", () => {
  it("answers About without authentication or version header, and sends the version", async () => {
    const response = await handleAbout(new Request("http://lrs.test/xapi/about"), { t });
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Experience-API-Version")).toBe("1.0.3");
    expect((await json(response)).version).toContain("1.0.3");
  });

  it("requires X-Experience-API-Version on every statements request and sends it back", async () => {
    for (const [method, body] of [["GET", undefined], ["POST", statement()], ["PUT", statement()]] as const) {
      const response = await call(method, method === "PUT" ? `?statementId=${randomUUID()}` : "", { body, version: null });
      expect(response.status).toBe(400);
      expect(response.headers.get("X-Experience-API-Version")).toBe("1.0.3");
      expect((await json(response)).error).toBe("version_missing");
    }
    const old = await call("GET", "", { version: "0.95" });
    expect(old.status).toBe(400);
    expect((await json(old)).error).toBe("version_unsupported");
    expect((await call("GET", "", { version: "1.0.1" })).status).toBe(200);
  });

  it("asks for Basic credentials, refuses wrong or revoked ones, and applies scopes", async () => {
    const none = await call("GET", "", { auth: null });
    expect(none.status).toBe(401);
    expect(none.headers.get("WWW-Authenticate")).toMatch(/^Basic/);
    const { issued, coordinator, header } = await credential(["statements/write"]);
    const wrong = `Basic ${Buffer.from(`${issued.api_key}:not-the-secret`).toString("base64")}`;
    expect((await call("GET", "", { auth: wrong })).status).toBe(401);
    expect((await call("GET", "", { auth: header })).status).toBe(403);
    expect((await call("POST", "", { auth: reader, body: statement() })).status).toBe(403);
    expect((await call("POST", "", { auth: header, body: statement() })).status).toBe(200);
    await revokeCredential(db, coordinator, issued.id);
    expect((await call("POST", "", { auth: header, body: statement() })).status).toBe(401);
    const row = await db.selectFrom("xapi_credential").select("secret_hash").where("id", "=", issued.id).executeTakeFirstOrThrow();
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.secret_hash).not.toContain(issued.secret);
  });

  it("only lets coordinators issue credentials", async () => {
    const teacher = await createUser(db, { role: "teacher" });
    await expect(issueCredential(db, teacher, { label: "x", scopes: ["all"] })).rejects.toMatchObject({ init: { status: 403 } });
  });

  it("refuses bodies that are neither JSON nor well-formed multipart/mixed", async () => {
    const text = await call("POST", "", { body: "hello", headers: { "Content-Type": "text/plain" } });
    expect((await json(text)).error).toBe("content_type");
    const broken = await call("POST", "", { body: "{not json" });
    expect(broken.status).toBe(400);
    expect((await json(broken)).error).toBe("bad_json");
    const multipart = await call("POST", "", { body: "--x", headers: { "Content-Type": "multipart/mixed; boundary=x" } });
    expect((await json(multipart)).error).toBe("multipart_malformed");
  });
});

describe("storing statements", () => {
  it("POSTs one statement; the LRS sets id, stored, authority and version", async () => {
    const s = statement({ stored: "2001-01-01T00:00:00Z", authority: { mbox: "mailto:liar@example.org" } });
    const response = await call("POST", "", { body: s });
    expect(response.status).toBe(200);
    const [id] = await json(response);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const got = await json(await call("GET", `?statementId=${id}`, { auth: reader }));
    expect(got.id).toBe(id);
    expect(got.stored).not.toBe("2001-01-01T00:00:00Z");
    expect(Date.now() - Date.parse(got.stored)).toBeLessThan(60_000);
    expect(got.authority).toMatchObject({ objectType: "Agent", account: { homePage: publicUrl() } });
    expect(got.authority.mbox).toBeUndefined();
    expect(got.version).toBe("1.0.0");
    expect(got.timestamp).toBe(got.stored);
  });

  it("PUTs with statementId; the same statement again changes nothing, a different one is a 409", async () => {
    const id = randomUUID();
    const s = statement({ timestamp: "2026-11-30T09:00:00+01:00" });
    expect((await call("PUT", `?statementId=${id}`, { body: s })).status).toBe(204);
    const first = await db.selectFrom("xapi_statement").select(["stored", "statement"]).where("id", "=", id).executeTakeFirstOrThrow();
    // Same statement, other serialisation of what may differ: 204, nothing rewritten.
    const again = { ...s, id: id.toUpperCase(), timestamp: "2026-11-30T08:00:00Z", verb: { id: s.verb.id } };
    expect((await call("PUT", `?statementId=${id}`, { body: again })).status).toBe(204);
    expect((await call("POST", "", { body: { ...s, id } })).status).toBe(200);
    const after = await db.selectFrom("xapi_statement").select(["stored", "statement"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(after).toEqual(first);
    // A real difference.
    const conflict = await call("PUT", `?statementId=${id}`, { body: { ...s, result: { success: true } } });
    expect(conflict.status).toBe(409);
    expect((await json(conflict)).error).toBe("conflict");
    const otherTime = await call("PUT", `?statementId=${id}`, { body: { ...s, timestamp: "2026-11-30T09:00:01+01:00" } });
    expect(otherTime.status).toBe(409);
  });

  it("checks PUT's parameters", async () => {
    expect((await json(await call("PUT", "", { body: statement() }))).error).toBe("statement_id_required");
    expect((await json(await call("PUT", "?statementId=12", { body: statement() }))).error).toBe("bad_parameter");
    const mismatch = await call("PUT", `?statementId=${randomUUID()}`, { body: statement({ id: randomUUID() }) });
    expect((await json(mismatch)).error).toBe("id_mismatch");
  });

  it("stores a batch atomically: one bad statement or one conflict and nothing is stored", async () => {
    const activity = unique();
    const good = () => statement({ object: { id: activity } });
    const invalid = await call("POST", "", { body: [good(), good(), { ...good(), result: { score: { scaled: 2 } } }] });
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).message).toContain("statements[2].result.score.scaled");
    expect(await countStatements({ activity })).toBe(0);

    const existing = randomUUID();
    await call("PUT", `?statementId=${existing}`, { body: good() });
    const conflicting = await call("POST", "", { body: [good(), { ...good(), id: existing, result: { success: false } }, good()] });
    expect(conflicting.status).toBe(409);
    expect(await countStatements({ activity })).toBe(1);

    const ok = await call("POST", "", { body: [good(), good(), { ...good(), id: existing }] });
    expect(ok.status).toBe(200);
    const ids = await json(ok);
    expect(ids).toHaveLength(3);
    expect(ids[2]).toBe(existing);
    expect(await countStatements({ activity })).toBe(3);
  });

  it("refuses a batch that repeats an id", async () => {
    const id = randomUUID();
    const response = await call("POST", "", { body: [statement({ id }), statement({ id })] });
    expect((await json(response)).error).toBe("duplicate_ids_in_batch");
  });

  it("validates strictly, with the path in a translated message", async () => {
    const cases: [unknown, string][] = [
      [{ verb: statement().verb, object: statement().object }, "statement.actor"],
      [statement({ colour: "blue" }), "statement.colour"],
      [statement({ result: null }), "statement.result"],
      [statement({ actor: { mbox: "ana@example.org" } }), "statement.actor.mbox"],
      [statement({ id: "1234" }), "statement.id"],
      [statement({ verb: { id: "experienced" } }), "statement.verb.id"],
      [statement({ result: { score: { raw: 12, min: 0, max: 10 } } }), "statement.result.score.raw"],
      [statement({ context: { extensions: { notAnIri: true } } }), "statement.context.extensions.notAnIri"],
    ];
    for (const [body, path] of cases) {
      const response = await call("POST", "", { body });
      expect(response.status, path).toBe(400);
      const answer = await json(response);
      expect(answer.error).toBe("invalid_statement");
      expect(answer.message).toContain(path);
    }
    const fr = await handleStatements(
      new Request(BASE, {
        method: "POST",
        headers: { Authorization: writer, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" },
        body: JSON.stringify(statement({ result: { score: { scaled: 3 } } })),
      }),
      { db, t: serverT("fr") },
    );
    expect((await json(fr)).message).toBe("Déclaration refusée : statement.result.score.scaled — doit être compris entre -1 et 1");
  });

  it("stores statements exactly as H5P sends them and finds them by activity", async () => {
    const batch = [h5pAttempted(), h5pAnswered(), h5pFillInAnswered(), h5pDragAndDropAnswered(), h5pCompleted()];
    const response = await call("POST", "", { body: batch });
    expect(response.status).toBe(200);
    const ids: string[] = await json(response);
    const got = await json(await call("GET", `?statementId=${ids[1]}`, { auth: reader }));
    expect(got.object.definition.interactionType).toBe("choice");
    expect(got.result).toEqual(h5pAnswered().result);
    expect(got.context.extensions).toEqual({ "https://h5p.org/x-api/h5p-reporting-version": "1.1.0" });
    // The sub-content answer is found through its parent with related_activities.
    const direct = await json(await call("GET", `?activity=${encodeURIComponent(H5P_ACTIVITY)}&limit=50`, { auth: reader }));
    expect(direct.statements.map((s: { id: string }) => s.id)).not.toContain(ids[1]);
    const related = await json(
      await call("GET", `?activity=${encodeURIComponent(H5P_ACTIVITY)}&related_activities=true&limit=50`, { auth: reader }),
    );
    expect(related.statements.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(ids));
  });

  it("stores a statement once when the same one is posted twice at the same time", async () => {
    const s = statement({ id: randomUUID() });
    const answers = await Promise.all(Array.from({ length: 6 }, () => call("POST", "", { body: s })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const { n } = await db.selectFrom("xapi_statement").select((eb) => eb.fn.countAll<string>().as("n")).where("id", "=", s.id as string).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
  });
});

describe("voiding", () => {
  it("hides a voided statement from normal reads but not from voidedStatementId", async () => {
    const activity = unique();
    const target = randomUUID();
    await call("PUT", `?statementId=${target}`, { body: statement({ object: { id: activity } }) });
    const voiding = statement({
      actor: { mbox: "mailto:admin@example.org" },
      verb: { id: "http://adlnet.gov/expapi/verbs/voided", display: { "en-US": "voided" } },
      object: { objectType: "StatementRef", id: target },
    });
    const [voidingId] = await json(await call("POST", "", { body: voiding }));
    expect((await call("GET", `?statementId=${target}`, { auth: reader })).status).toBe(404);
    const voided = await call("GET", `?voidedStatementId=${target}`, { auth: reader });
    expect(voided.status).toBe(200);
    expect((await json(voided)).id).toBe(target);
    expect((await call("GET", `?voidedStatementId=${voidingId}`, { auth: reader })).status).toBe(404);
    // The voided statement is gone from queries; the voiding one, which targets it, answers its filters (Communication §2.1.4).
    const listed = await json(await call("GET", `?activity=${encodeURIComponent(activity)}`, { auth: reader }));
    expect(listed.statements.map((s: { id: string }) => s.id)).toEqual([voidingId]);
    // The voiding statement itself is a normal statement.
    expect((await call("GET", `?statementId=${voidingId}`, { auth: reader })).status).toBe(200);
    // Voiding a voiding statement is refused.
    const again = await call("POST", "", { body: { ...voiding, object: { objectType: "StatementRef", id: voidingId } } });
    expect(again.status).toBe(400);
    expect((await json(again)).error).toBe("void_voiding");
  });

  it("voids a statement that arrives after its voiding statement", async () => {
    const target = randomUUID();
    await call("POST", "", {
      body: statement({ verb: { id: "http://adlnet.gov/expapi/verbs/voided" }, object: { objectType: "StatementRef", id: target } }),
    });
    await call("PUT", `?statementId=${target}`, { body: statement() });
    expect((await call("GET", `?statementId=${target}`, { auth: reader })).status).toBe(404);
    expect((await call("GET", `?voidedStatementId=${target}`, { auth: reader })).status).toBe(200);
  });
});

describe("querying", () => {
  const agent = { mbox: `mailto:query-${randomUUID()}@example.org` };
  const activity = unique();
  const registration = randomUUID();
  let ids: string[] = [];

  beforeAll(async () => {
    // Five statements stored one after the other, so `stored` orders them.
    ids = [];
    for (let i = 0; i < 5; i++) {
      const body = statement({
        actor: agent,
        verb: { id: i % 2 ? "http://adlnet.gov/expapi/verbs/answered" : "http://adlnet.gov/expapi/verbs/experienced" },
        object: { id: activity },
        context: i < 2 ? { registration } : undefined,
      });
      if (!body.context) delete body.context;
      ids.push(...(await json(await call("POST", "", { body }))));
      await new Promise((r) => setTimeout(r, 5));
    }
  });

  const get = async (query: Record<string, string>) => {
    const response = await call("GET", `?${new URLSearchParams(query)}`, { auth: reader });
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Experience-API-Consistent-Through")).toBeTruthy();
    return (await json(response)) as { statements: { id: string; stored: string }[]; more: string };
  };

  it("filters by agent, verb, activity and registration, newest first", async () => {
    const byAgent = await get({ agent: JSON.stringify(agent) });
    expect(byAgent.statements.map((s) => s.id)).toEqual([...ids].reverse());
    const byVerb = await get({ agent: JSON.stringify(agent), verb: "http://adlnet.gov/expapi/verbs/answered" });
    expect(byVerb.statements.map((s) => s.id)).toEqual([ids[3], ids[1]]);
    const byActivity = await get({ activity, ascending: "true" });
    expect(byActivity.statements.map((s) => s.id)).toEqual(ids);
    const byRegistration = await get({ registration });
    expect(byRegistration.statements.map((s) => s.id).sort()).toEqual([ids[0], ids[1]].sort());
  });

  it("filters by since (exclusive) and until (inclusive) on stored", async () => {
    const all = await get({ activity, ascending: "true" });
    const since = await get({ activity, since: all.statements[1]!.stored, ascending: "true" });
    expect(since.statements.map((s) => s.id)).toEqual(ids.slice(2));
    const until = await get({ activity, until: all.statements[1]!.stored, ascending: "true" });
    expect(until.statements.map((s) => s.id)).toEqual(ids.slice(0, 2));
  });

  it("pages with limit and an opaque `more` link until the end", async () => {
    const seen: string[] = [];
    let page = await get({ activity, limit: "2" });
    let pages = 1;
    while (true) {
      seen.push(...page.statements.map((s) => s.id));
      if (!page.more) break;
      expect(page.more).toMatch(/^\/xapi\/statements\?more=[A-Za-z0-9_-]+$/);
      const response = await call("GET", page.more.slice("/xapi/statements".length), { auth: reader });
      page = await json(response);
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    expect((await call("GET", "?more=garbage", { auth: reader })).status).toBe(400);
  });

  it("answers format=ids with identifiers only", async () => {
    const page = await get({ activity, format: "ids", limit: "1" });
    const s = page.statements[0] as unknown as { actor: unknown; verb: unknown };
    expect(s.actor).toEqual(agent);
    expect(Object.keys(s.verb as object)).toEqual(["id"]);
  });

  it("limits statements/read/mine to what the credential stored", async () => {
    const mine = await credential(["statements/write", "statements/read/mine"]);
    const [own] = await json(await call("POST", "", { auth: mine.header, body: statement({ object: { id: activity } }) }));
    const response = await call("GET", `?activity=${encodeURIComponent(activity)}`, { auth: mine.header });
    const listed = (await json(response)).statements.map((s: { id: string }) => s.id);
    expect(listed).toEqual([own]);
    expect((await call("GET", `?statementId=${ids[0]}`, { auth: mine.header })).status).toBe(404);
  });

  it("refuses unknown query parameters", async () => {
    const response = await call("GET", "?colour=blue", { auth: reader });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toBe("unknown_parameter");
  });
});
