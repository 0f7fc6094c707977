import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import type { XapiScope } from "../../../db/schema/xapi";
import { issueCredential } from "../../../app/features/xapi/credentials.server";
import { handleActivities, handleActivityProfile, handleAgentProfile, handleAgents, handleState } from "../../../app/features/xapi/documents-http.server";
import { handleAbout, handleStatements, type LrsDeps } from "../../../app/features/xapi/http.server";
import { migrateToLatest, openDatabase, type Db, type OpenedDatabase } from "../../../app/lib/db.server";
import { serverT } from "../../../app/lib/i18n.server";
import { testDb } from "../../helpers/db";
import { createUser } from "../../helpers/fixtures";

/**
 * The LRS conformance group (`npm run test:lrs`): each file checks one
 * resource against the xAPI 1.0.3 rules, naming the section of the spec (and
 * the ADL conformance suite's reading where it decides) in each case. Every
 * case runs twice: on PostgreSQL (a clone of the migrated template) and on
 * the embedded PGlite the app uses without DATABASE_URL.
 */
export const RESOURCES = {
  statements: ["statements", handleStatements],
  state: ["activities/state", handleState],
  "activity-profile": ["activities/profile", handleActivityProfile],
  "agent-profile": ["agents/profile", handleAgentProfile],
  activities: ["activities", handleActivities],
  agents: ["agents", handleAgents],
  about: ["about", (request: Request, deps: LrsDeps) => handleAbout(request, deps)],
} as const satisfies Record<string, readonly [string, (request: Request, deps: LrsDeps) => Promise<Response>]>;
export type Resource = keyof typeof RESOURCES;

export interface CallOptions {
  body?: string | Uint8Array<ArrayBuffer> | unknown[] | Record<string, unknown>;
  contentType?: string;
  /** The Authorization header; null sends none. Defaults to a credential with every scope. */
  auth?: string | null;
  version?: string | null;
  headers?: Record<string, string>;
}

export interface Lrs {
  backend: "postgres" | "pglite";
  db: Db;
  /** Basic credentials: every scope, read-only everything, statements only. */
  auth: { all: string; allRead: string; statements: string; mine: string };
  credential(scopes: XapiScope[]): Promise<string>;
  call(resource: Resource, method: string, query?: Record<string, string>, options?: CallOptions): Promise<Response>;
  /** The Alternate Request Syntax (Communication §1.3): POST ?method=…, the rest in a form body. */
  alternate(resource: Resource, method: string, fields: Record<string, string>, options?: { query?: string; httpMethod?: string; contentType?: string; headers?: Record<string, string> }): Promise<Response>;
}

const t = serverT("en");

export function basic(apiKey: string, secret: string) {
  return `Basic ${Buffer.from(`${apiKey}:${secret}`).toString("base64")}`;
}

async function setUp(backend: Lrs["backend"]): Promise<{ lrs: Lrs; close: () => Promise<void> }> {
  let opened: OpenedDatabase | null = null;
  let db: Db;
  if (backend === "postgres") db = await testDb();
  else {
    opened = await openDatabase({ memory: true });
    await migrateToLatest(opened.db);
    db = opened.db;
  }
  const coordinator = await createUser(db, { role: "coordinator" });
  const credential = async (scopes: XapiScope[]) => {
    const issued = await issueCredential(db, coordinator, { label: `conformance ${scopes.join("+")}`, scopes });
    return basic(issued.api_key, issued.secret);
  };
  const auth = {
    all: await credential(["all"]),
    allRead: await credential(["all/read"]),
    statements: await credential(["statements/write", "statements/read"]),
    mine: await credential(["statements/write", "statements/read/mine"]),
  };
  const deps = { db, t };
  const lrs: Lrs = {
    backend,
    db,
    auth,
    credential,
    call(resource, method, query = {}, options = {}) {
      const [path, handler] = RESOURCES[resource];
      const { body, contentType, auth: authorization = auth.all, version = "1.0.3", headers = {} } = options;
      const h: Record<string, string> = {};
      if (authorization) h.Authorization = authorization;
      if (version) h["X-Experience-API-Version"] = version;
      const raw = body === undefined || typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
      if (raw !== undefined) h["Content-Type"] = contentType ?? "application/json";
      const search = new URLSearchParams(query).toString();
      const request = new Request(`http://lrs.test/xapi/${path}${search ? `?${search}` : ""}`, { method, headers: { ...h, ...headers }, body: raw });
      return handler(request, deps);
    },
    alternate(resource, method, fields, options = {}) {
      const [path, handler] = RESOURCES[resource];
      const { query = `method=${method}`, httpMethod = "POST", contentType = "application/x-www-form-urlencoded", headers = {} } = options;
      const request = new Request(`http://lrs.test/xapi/${path}?${query}`, {
        method: httpMethod,
        headers: { "Content-Type": contentType, ...headers },
        body: new URLSearchParams(fields).toString(),
      });
      return handler(request, deps);
    },
  };
  return { lrs, close: async () => void (await opened?.close()) };
}

/** Declares the cases once per database; `lrs()` is ready inside each case. */
export function onBothDatabases(title: string, cases: (lrs: () => Lrs) => void) {
  describe.each(["postgres", "pglite"] as const)(`${title} — %s`, (backend) => {
    let current: { lrs: Lrs; close: () => Promise<void> } | undefined;
    beforeAll(async () => {
      current = await setUp(backend);
    }, 120_000);
    afterAll(async () => {
      await current?.close();
    });
    cases(() => current!.lrs);
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked by value with expect(), not by type
export async function json<T = any>(response: Response): Promise<T> {
  return JSON.parse(await response.text()) as T;
}

export const unique = (kind = "activites") => `https://passerelle.example/${kind}/${randomUUID()}`;
export const newAgent = () => ({ objectType: "Agent", mbox: `mailto:${randomUUID()}@example.org` });
export const VOIDED = "http://adlnet.gov/expapi/verbs/voided";

/** A valid statement with a fresh id, verb and activity; `overrides` replace top-level properties. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- cases reach into the statements they build
export function statement(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    id: randomUUID(),
    actor: { objectType: "Agent", name: "Ana", mbox: "mailto:ana@example.org" },
    verb: { id: `https://passerelle.example/verbes/${randomUUID()}`, display: { "fr-FR": "a fait" } },
    object: { objectType: "Activity", id: unique() },
    ...overrides,
  };
}

/** POSTs statements with full rights and returns their ids (throws unless 200). */
export async function store(lrs: Lrs, ...statements: Record<string, unknown>[]): Promise<string[]> {
  const response = await lrs.call("statements", "POST", {}, { body: statements });
  if (response.status !== 200) throw new Error(`POST /statements answered ${response.status}: ${await response.text()}`);
  return json(response);
}

/** GET /statements with filters, answered 200; the ids of the page. */
export async function ids(lrs: Lrs, query: Record<string, string>) {
  const response = await lrs.call("statements", "GET", query);
  if (response.status !== 200) throw new Error(`GET /statements answered ${response.status}: ${await response.text()}`);
  return (await json<{ statements: { id: string }[] }>(response)).statements.map((s) => s.id);
}
