import { randomUUID } from "node:crypto";
import type { Db } from "../../app/lib/db.server";
import type { XapiScope } from "../../db/schema/xapi";
import { issueCredential } from "../../app/features/xapi/credentials.server";
import { handleActivityProfile, handleAgentProfile, handleState } from "../../app/features/xapi/documents-http.server";
import type { LrsDeps } from "../../app/features/xapi/http.server";
import { serverT } from "../../app/lib/i18n.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

/** What the xAPI document-resource tests share: a database, three credentials, and calls to the handlers. */
export type Handler = (request: Request, deps: LrsDeps) => Promise<Response>;

export const t = serverT("en");
let db: Db;
let full: string;

export async function credential(scopes: XapiScope[]) {
  const coordinator = await createUser(db, { role: "coordinator" });
  const issued = await issueCredential(db, coordinator, { label: `client ${scopes.join("+")}`, scopes });
  return `Basic ${Buffer.from(`${issued.api_key}:${issued.secret}`).toString("base64")}`;
}

/** A private database and credentials with all rights, read rights, and statements only. */
export async function setUpLrs() {
  db = await testDb();
  full = await credential(["all"]);
  return { db, full, reader: await credential(["all/read"]), statementsOnly: await credential(["statements/write", "statements/read"]) };
}

export interface CallOptions {
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  auth?: string | null;
  version?: string | null;
  headers?: Record<string, string>;
}

export function call(handler: Handler, path: string, method: string, query: Record<string, string>, options: CallOptions = {}) {
  const { body, contentType = "application/json", auth = full, version = "1.0.3", headers = {} } = options;
  const h: Record<string, string> = { ...headers };
  if (auth) h.Authorization = auth;
  if (version) h["X-Experience-API-Version"] = version;
  if (body !== undefined) h["Content-Type"] = contentType;
  const request = new Request(`http://lrs.test/xapi/${path}?${new URLSearchParams(query)}`, { method, headers: h, body });
  return handler(request, { db, t });
}

type Query = Record<string, string>;
export const state = (method: string, query: Query, options?: CallOptions) => call(handleState, "activities/state", method, query, options);
export const agentProfile = (method: string, query: Query, options?: CallOptions) => call(handleAgentProfile, "agents/profile", method, query, options);
export const activityProfile = (method: string, query: Query, options?: CallOptions) => call(handleActivityProfile, "activities/profile", method, query, options);

export async function json(response: Response) {
  return JSON.parse(await response.text());
}

export const unique = () => `https://passerelle.example/activites/${randomUUID()}`;
export const newAgent = () => JSON.stringify({ objectType: "Agent", mbox: `mailto:${randomUUID()}@example.org` });
