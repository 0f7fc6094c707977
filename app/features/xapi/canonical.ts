import { createHash } from "node:crypto";
import { VOIDED_VERB } from "./validation";

/**
 * What the LRS derives from a valid statement: the normalised form it stores,
 * the keys its query filters use, and the hash that decides whether a second
 * statement with the same id is "the same statement" (xAPI-Data §2.3.1).
 */
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * An Agent's or Identified Group's inverse functional identifier as one
 * string. The domain of an e-mail address is case-insensitive (§2.3.1), so it
 * is lower-cased; everything else is kept as sent.
 */
export function agentKey(agent: unknown): string | null {
  if (!isObject(agent)) return null;
  if (typeof agent.mbox === "string") {
    const at = agent.mbox.lastIndexOf("@");
    return `mbox:${agent.mbox.slice(0, at)}@${agent.mbox.slice(at + 1).toLowerCase()}`;
  }
  if (typeof agent.mbox_sha1sum === "string") return `mbox_sha1sum:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === "string") return `openid:${agent.openid}`;
  if (isObject(agent.account)) return `account:${String(agent.account.homePage)} ${String(agent.account.name)}`;
  return null;
}

/** An anonymous group has no identifier: its key names its members, so filters never match it by accident. */
function actorKey(actor: unknown): string {
  const key = agentKey(actor);
  if (key) return key;
  const members = isObject(actor) && Array.isArray(actor.member) ? actor.member.map((m) => agentKey(m) ?? "").sort() : [];
  return `anonymous-group:${members.join(",")}`;
}

/** Returns a copy where every contextActivities entry is an array (§2.4.6.2: the LRS returns arrays). */
export function normaliseStatement<T extends Json>(statement: T): T {
  const copy: Json = { ...statement };
  if (isObject(copy.context)) copy.context = normaliseContext(copy.context);
  if (isObject(copy.object) && copy.object.objectType === "SubStatement" && isObject(copy.object.context)) {
    copy.object = { ...copy.object, context: normaliseContext(copy.object.context) };
  }
  return copy as T;
}

function normaliseContext(context: Json): Json {
  if (!isObject(context.contextActivities)) return context;
  const ca: Json = {};
  for (const [kind, value] of Object.entries(context.contextActivities)) ca[kind] = Array.isArray(value) ? value : [value];
  return { ...context, contextActivities: ca };
}

export interface IndexColumns {
  verb_id: string;
  activity_id: string | null;
  actor_key: string;
  object_agent_key: string | null;
  registration: string | null;
  related_activity_ids: string[];
  related_agent_keys: string[];
  voids_statement_id: string | null;
}

function contextActivityIds(context: unknown): string[] {
  if (!isObject(context) || !isObject(context.contextActivities)) return [];
  const ids: string[] = [];
  for (const value of Object.values(context.contextActivities)) {
    for (const a of Array.isArray(value) ? value : [value]) if (isObject(a) && typeof a.id === "string") ids.push(a.id);
  }
  return ids;
}

function agentsOf(value: unknown): string[] {
  if (!isObject(value)) return [];
  const keys: string[] = [];
  const key = agentKey(value);
  if (key) keys.push(key);
  if (Array.isArray(value.member)) for (const m of value.member) keys.push(...agentsOf(m));
  return keys;
}

const isAgentOrGroup = (o: unknown) => isObject(o) && (o.objectType === "Agent" || o.objectType === "Group");
const isActivity = (o: unknown) => isObject(o) && (o.objectType === undefined || o.objectType === "Activity");

/** The columns of `xapi_statement` that the query filters read. */
export function indexColumns(statement: Json): IndexColumns {
  const object = statement.object as Json;
  const verbId = (statement.verb as Json).id as string;
  const activities = new Set<string>();
  const agents = new Set<string>();
  const collect = (s: Json) => {
    const o = s.object;
    if (isActivity(o)) activities.add((o as Json).id as string);
    for (const id of contextActivityIds(s.context)) activities.add(id);
    for (const k of agentsOf(s.actor)) agents.add(k);
    if (isAgentOrGroup(o)) for (const k of agentsOf(o)) agents.add(k);
    if (isObject(s.context)) {
      for (const k of agentsOf(s.context.instructor)) agents.add(k);
      for (const k of agentsOf(s.context.team)) agents.add(k);
    }
  };
  collect(statement);
  for (const k of agentsOf(statement.authority)) agents.add(k);
  if (isObject(object) && object.objectType === "SubStatement") collect(object);
  const registration = isObject(statement.context) && typeof statement.context.registration === "string"
    ? statement.context.registration.toLowerCase()
    : null;
  return {
    verb_id: verbId,
    activity_id: isActivity(object) ? (object.id as string) : null,
    actor_key: actorKey(statement.actor),
    object_agent_key: isAgentOrGroup(object) ? agentKey(object) : null,
    registration,
    related_activity_ids: [...activities],
    related_agent_keys: [...agents],
    voids_statement_id: verbId === VOIDED_VERB && isObject(object) ? String(object.id).toLowerCase() : null,
  };
}

/** The id a statement targets with a StatementRef object (lower case), or null. */
export function statementRefTarget(statement: Json): string | null {
  const object = statement.object;
  return isObject(object) && object.objectType === "StatementRef" && typeof object.id === "string" ? object.id.toLowerCase() : null;
}

/**
 * Drops what the LRS may assign or that §2.3.1 says is not part of the
 * statement (id, authority, stored, timestamp, version, attachments, verb
 * display, activity definitions), orders Group members, lower-cases UUIDs and
 * e-mail domains, and sorts object keys — then hashes. The timestamp is
 * compared apart, as an instant, and only when both sides set it.
 */
export function comparisonHash(statement: Json): string {
  return createHash("sha256").update(stableStringify(comparable(normaliseStatement(statement), true))).digest("hex");
}

function comparable(s: Json, top: boolean): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(s)) {
    if (top && ["id", "authority", "stored", "timestamp", "version", "attachments"].includes(key)) continue;
    if (!top && ["timestamp", "attachments"].includes(key)) continue;
    if (key === "actor") out.actor = comparableAgent(value);
    else if (key === "verb") out.verb = { id: (value as Json).id };
    else if (key === "object") out.object = comparableObject(value as Json);
    else if (key === "context") out.context = comparableContext(value as Json);
    else out[key] = value;
  }
  return out;
}

function comparableAgent(value: unknown): unknown {
  if (!isObject(value)) return value;
  const out: Json = { ...value };
  if (typeof value.mbox === "string") out.mbox = agentKey(value)!.slice("mbox:".length);
  if (typeof value.mbox_sha1sum === "string") out.mbox_sha1sum = value.mbox_sha1sum.toLowerCase();
  if (Array.isArray(value.member)) {
    out.member = value.member.map(comparableAgent).sort((a, b) => stableStringify(a).localeCompare(stableStringify(b)));
  }
  return out;
}

function comparableObject(o: Json): unknown {
  if (o.objectType === undefined || o.objectType === "Activity") return { id: o.id };
  if (o.objectType === "StatementRef") return { objectType: "StatementRef", id: String(o.id).toLowerCase() };
  if (o.objectType === "SubStatement") return comparable(o, false);
  return { ...(comparableAgent(o) as Json), objectType: o.objectType };
}

function comparableContext(c: Json): Json {
  const out: Json = { ...c };
  if (typeof c.registration === "string") out.registration = c.registration.toLowerCase();
  if (c.instructor !== undefined) out.instructor = comparableAgent(c.instructor);
  if (c.team !== undefined) out.team = comparableAgent(c.team);
  if (isObject(c.statement)) out.statement = { objectType: "StatementRef", id: String(c.statement.id).toLowerCase() };
  if (isObject(c.contextActivities)) {
    const ca: Json = {};
    for (const [kind, list] of Object.entries(c.contextActivities)) ca[kind] = (list as Json[]).map((a) => ({ id: a.id }));
    out.contextActivities = ca;
  }
  return out;
}

/** JSON with object keys sorted at every level (arrays keep their order). */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** `format=ids`: Agents, Groups, Activities and Verbs reduced to what identifies them. */
export function idsFormat(statement: Json): Json {
  const agent = (a: unknown): unknown => {
    if (!isObject(a)) return a;
    const out: Json = {};
    if (a.objectType) out.objectType = a.objectType;
    for (const k of ["mbox", "mbox_sha1sum", "openid", "account"]) if (a[k] !== undefined) out[k] = a[k];
    if (a.objectType === "Group" && Array.isArray(a.member) && agentKey(a) === null) out.member = a.member.map(agent);
    return out;
  };
  // An Activity is identified by its id alone; its objectType ("Activity") is the default and says nothing more.
  const activity = (a: unknown) => (isObject(a) ? { id: a.id } : a);
  const body = (s: Json): Json => {
    const out: Json = { ...s, actor: agent(s.actor), verb: { id: (s.verb as Json).id } };
    const o = s.object as Json;
    if (isActivity(o)) out.object = activity(o);
    else if (isAgentOrGroup(o)) out.object = agent(o);
    else if (o.objectType === "SubStatement") out.object = body(o);
    if (isObject(s.context)) {
      const c: Json = { ...s.context };
      if (c.instructor) c.instructor = agent(c.instructor);
      if (c.team) c.team = agent(c.team);
      if (isObject(c.contextActivities)) {
        const ca: Json = {};
        for (const [kind, list] of Object.entries(c.contextActivities)) ca[kind] = (list as unknown[]).map(activity);
        c.contextActivities = ca;
      }
      out.context = c;
    }
    if (s.authority) out.authority = agent(s.authority);
    return out;
  };
  return body(statement);
}

/** `format=canonical`: every language map keeps one entry, the best match for the Accept-Language list. */
export function canonicalFormat(statement: Json, languages: string[]): Json {
  const pick = (map: unknown) => {
    if (!isObject(map)) return map;
    const tags = Object.keys(map);
    const lower = tags.map((t) => t.toLowerCase());
    for (const wanted of languages.map((l) => l.toLowerCase())) {
      const exact = lower.indexOf(wanted);
      if (exact >= 0) return { [tags[exact]!]: map[tags[exact]!] };
      const prefix = lower.findIndex((t) => t.split("-")[0] === wanted.split("-")[0]);
      if (prefix >= 0) return { [tags[prefix]!]: map[tags[prefix]!] };
    }
    return tags.length ? { [tags[0]!]: map[tags[0]!] } : map;
  };
  const definition = (d: unknown) => {
    if (!isObject(d)) return d;
    const out: Json = { ...d };
    if (d.name) out.name = pick(d.name);
    if (d.description) out.description = pick(d.description);
    for (const k of ["choices", "scale", "source", "target", "steps"]) {
      if (Array.isArray(d[k])) out[k] = (d[k] as Json[]).map((c) => (c.description ? { ...c, description: pick(c.description) } : c));
    }
    return out;
  };
  const activity = (a: unknown) => (isObject(a) && a.definition ? { ...a, definition: definition(a.definition) } : a);
  const body = (s: Json): Json => {
    const out: Json = { ...s };
    const verb = s.verb as Json;
    if (verb.display) out.verb = { ...verb, display: pick(verb.display) };
    const o = s.object as Json;
    if (isActivity(o)) out.object = activity(o);
    else if (o.objectType === "SubStatement") out.object = body(o);
    if (isObject(s.context) && isObject(s.context.contextActivities)) {
      const ca: Json = {};
      for (const [kind, list] of Object.entries(s.context.contextActivities)) ca[kind] = (list as unknown[]).map(activity);
      out.context = { ...s.context, contextActivities: ca };
    }
    if (Array.isArray(s.attachments)) {
      out.attachments = (s.attachments as Json[]).map((a) => ({
        ...a,
        display: pick(a.display),
        ...(a.description ? { description: pick(a.description) } : {}),
      }));
    }
    return out;
  };
  return body(statement);
}
