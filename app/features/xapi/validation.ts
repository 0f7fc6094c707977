/**
 * Strict validation of xAPI 1.0.3 statements (xAPI-Data §2.4, §4).
 * Hand-written rather than zod: the rules are conditional (one IFI per
 * Agent, revision only with an Activity object, raw within min/max…), the
 * messages need the exact JSON path, and the LRS validates thousands of
 * statements a second.
 *
 * Every issue carries an i18n key of the `xapi` namespace and the path.
 */
import {
  ALL_COMPONENTS,
  DURATION,
  INTERACTION_COMPONENTS,
  isIri,
  isTimestamp,
  isUuid,
  isVersion,
  LANGUAGE_TAG,
  MBOX,
  SHA1,
  VOIDED_VERB,
} from "./formats";

export { isIri, isTimestamp, isUuid, isVersion, VOIDED_VERB } from "./formats";

export type IssueKey =
  | "not_object"
  | "required"
  | "null_value"
  | "unknown_property"
  | "not_string"
  | "not_boolean"
  | "not_number"
  | "not_integer"
  | "not_array"
  | "empty_array"
  | "iri"
  | "uuid"
  | "mbox"
  | "sha1"
  | "timestamp"
  | "duration"
  | "language_tag"
  | "version"
  | "ifi_count"
  | "group_member"
  | "anonymous_group_members"
  | "object_type"
  | "scaled_range"
  | "raw_range"
  | "min_max"
  | "interaction_type"
  | "interaction_components"
  | "context_activity_only"
  | "substatement_nested"
  | "substatement_property"
  | "voiding_object"
  | "team_group"
  | "authority_group";

export interface Issue {
  path: string;
  key: IssueKey;
  detail?: string;
}

type Json = Record<string, unknown>;


function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

class Checker {
  issues: Issue[] = [];

  add(path: string, key: IssueKey, detail?: string) {
    // One problem is enough to refuse; a few help the client fix several at once.
    if (this.issues.length < 20) this.issues.push({ path, key, detail });
  }

  /** Present, non-null, an object, with only `allowed` keys and every `required` one. */
  object(v: unknown, path: string, allowed: readonly string[], required: readonly string[] = []): v is Json {
    if (v === null) return this.add(path, "null_value"), false;
    if (!isObject(v)) return this.add(path, "not_object"), false;
    for (const key of Object.keys(v)) {
      if (!allowed.includes(key)) this.add(`${path}.${key}`, "unknown_property");
      else if (v[key] === null) this.add(`${path}.${key}`, "null_value");
    }
    for (const key of required) if (v[key] === undefined) this.add(`${path}.${key}`, "required");
    return true;
  }

  string(v: unknown, path: string): v is string {
    if (v === null) return this.add(path, "null_value"), false;
    if (typeof v !== "string") return this.add(path, "not_string"), false;
    return true;
  }

  pattern(v: unknown, path: string, test: (s: string) => boolean, key: IssueKey) {
    if (this.string(v, path) && !test(v)) this.add(path, key);
  }

  iri(v: unknown, path: string) {
    this.pattern(v, path, isIri, "iri");
  }

  uuid(v: unknown, path: string) {
    this.pattern(v, path, isUuid, "uuid");
  }

  boolean(v: unknown, path: string) {
    if (v === null) this.add(path, "null_value");
    else if (typeof v !== "boolean") this.add(path, "not_boolean");
  }

  number(v: unknown, path: string): v is number {
    if (v === null) return this.add(path, "null_value"), false;
    if (typeof v !== "number" || !Number.isFinite(v)) return this.add(path, "not_number"), false;
    return true;
  }

  array(v: unknown, path: string): v is unknown[] {
    if (v === null) return this.add(path, "null_value"), false;
    if (!Array.isArray(v)) return this.add(path, "not_array"), false;
    return true;
  }

  languageMap(v: unknown, path: string) {
    if (v === null) return this.add(path, "null_value");
    if (!isObject(v)) return this.add(path, "not_object");
    for (const [tag, text] of Object.entries(v)) {
      if (!LANGUAGE_TAG.test(tag)) this.add(`${path}.${tag}`, "language_tag");
      this.string(text, `${path}.${tag}`);
    }
  }

  /** Keys are IRIs; values are any JSON, nulls included (they belong to the extension's owner). */
  extensions(v: unknown, path: string) {
    if (v === null) return this.add(path, "null_value");
    if (!isObject(v)) return this.add(path, "not_object");
    for (const key of Object.keys(v)) if (!isIri(key)) this.add(`${path}.${key}`, "iri");
  }

  ifiCount(v: Json) {
    return ["mbox", "mbox_sha1sum", "openid", "account"].filter((k) => v[k] !== undefined).length;
  }

  ifi(v: Json, path: string) {
    if (v.mbox !== undefined) this.pattern(v.mbox, `${path}.mbox`, (s) => MBOX.test(s), "mbox");
    if (v.mbox_sha1sum !== undefined) this.pattern(v.mbox_sha1sum, `${path}.mbox_sha1sum`, (s) => SHA1.test(s), "sha1");
    if (v.openid !== undefined) this.iri(v.openid, `${path}.openid`);
    if (v.account !== undefined && this.object(v.account, `${path}.account`, ["homePage", "name"], ["homePage", "name"])) {
      const account = v.account;
      if (account.homePage !== undefined) this.iri(account.homePage, `${path}.account.homePage`);
      if (account.name !== undefined) this.string(account.name, `${path}.account.name`);
    }
  }

  agent(v: unknown, path: string, { objectTypeRequired = false } = {}) {
    if (!this.object(v, path, ["objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"])) return;
    if (v.objectType !== undefined && v.objectType !== "Agent") this.add(`${path}.objectType`, "object_type");
    if (objectTypeRequired && v.objectType === undefined) this.add(`${path}.objectType`, "required");
    if (v.name !== undefined) this.string(v.name, `${path}.name`);
    if (this.ifiCount(v) !== 1) this.add(path, "ifi_count");
    this.ifi(v, path);
  }

  group(v: unknown, path: string) {
    if (!this.object(v, path, ["objectType", "name", "member", "mbox", "mbox_sha1sum", "openid", "account"], ["objectType"])) return;
    if (v.objectType !== "Group") this.add(`${path}.objectType`, "object_type");
    if (v.name !== undefined) this.string(v.name, `${path}.name`);
    const ifis = this.ifiCount(v);
    if (ifis > 1) this.add(path, "ifi_count");
    if (ifis === 0 && v.member === undefined) this.add(`${path}.member`, "anonymous_group_members");
    if (v.member !== undefined && this.array(v.member, `${path}.member`)) {
      if (ifis === 0 && v.member.length === 0) this.add(`${path}.member`, "anonymous_group_members");
      v.member.forEach((m, i) => {
        if (isObject(m) && m.objectType === "Group") this.add(`${path}.member[${i}]`, "group_member");
        else this.agent(m, `${path}.member[${i}]`);
      });
    }
    this.ifi(v, path);
  }

  actor(v: unknown, path: string) {
    if (isObject(v) && v.objectType === "Group") this.group(v, path);
    else this.agent(v, path);
  }

  /**
   * Data §2.4.9: an Agent, or — only for 3-legged OAuth — the pairing of an
   * application and a user: an anonymous Group of exactly two Agents. A named
   * or identified Group, or one of another size, is refused.
   */
  authority(v: unknown, path: string) {
    if (!isObject(v) || v.objectType !== "Group") return this.agent(v, path);
    this.group(v, path);
    const pairing = this.ifiCount(v) === 0 && v.name === undefined && Array.isArray(v.member) && v.member.length === 2;
    if (!pairing) this.add(path, "authority_group");
  }

  verb(v: unknown, path: string) {
    if (!this.object(v, path, ["id", "display"], ["id"])) return;
    if (v.id !== undefined) this.iri(v.id, `${path}.id`);
    if (v.display !== undefined) this.languageMap(v.display, `${path}.display`);
  }

  interactionComponents(v: unknown, path: string) {
    if (!this.array(v, path)) return;
    const ids = new Set<string>();
    v.forEach((c, i) => {
      if (!this.object(c, `${path}[${i}]`, ["id", "description"], ["id"])) return;
      if (c.id !== undefined && this.string(c.id, `${path}[${i}].id`)) {
        if (ids.has(c.id)) this.add(`${path}[${i}].id`, "interaction_components", c.id);
        ids.add(c.id);
      }
      if (c.description !== undefined) this.languageMap(c.description, `${path}[${i}].description`);
    });
  }

  definition(v: unknown, path: string) {
    const allowed = ["name", "description", "type", "moreInfo", "extensions", "interactionType", "correctResponsesPattern", ...ALL_COMPONENTS];
    if (!this.object(v, path, allowed)) return;
    if (v.name !== undefined) this.languageMap(v.name, `${path}.name`);
    if (v.description !== undefined) this.languageMap(v.description, `${path}.description`);
    if (v.type !== undefined) this.iri(v.type, `${path}.type`);
    if (v.moreInfo !== undefined) this.iri(v.moreInfo, `${path}.moreInfo`);
    if (v.extensions !== undefined) this.extensions(v.extensions, `${path}.extensions`);
    const type = v.interactionType;
    if (type !== undefined && this.string(type, `${path}.interactionType`) && !(type in INTERACTION_COMPONENTS)) {
      this.add(`${path}.interactionType`, "interaction_type");
    }
    if (v.correctResponsesPattern !== undefined && this.array(v.correctResponsesPattern, `${path}.correctResponsesPattern`)) {
      if (type === undefined) this.add(`${path}.interactionType`, "required");
      v.correctResponsesPattern.forEach((p, i) => this.string(p, `${path}.correctResponsesPattern[${i}]`));
    }
    const permitted = typeof type === "string" ? (INTERACTION_COMPONENTS[type] ?? []) : [];
    for (const component of ALL_COMPONENTS) {
      if (v[component] === undefined) continue;
      if (!permitted.includes(component)) this.add(`${path}.${component}`, "interaction_components");
      this.interactionComponents(v[component], `${path}.${component}`);
    }
  }

  activity(v: unknown, path: string) {
    if (!this.object(v, path, ["objectType", "id", "definition"], ["id"])) return;
    if (v.objectType !== undefined && v.objectType !== "Activity") this.add(`${path}.objectType`, "object_type");
    if (v.id !== undefined) this.iri(v.id, `${path}.id`);
    if (v.definition !== undefined) this.definition(v.definition, `${path}.definition`);
  }

  statementRef(v: Json, path: string) {
    if (!this.object(v, path, ["objectType", "id"], ["objectType", "id"])) return;
    if (v.id !== undefined) this.uuid(v.id, `${path}.id`);
  }

  /** The Statement's object: Activity (default), Agent, Group, StatementRef or SubStatement. */
  statementObject(v: unknown, path: string, inSubStatement: boolean) {
    if (v === null) return this.add(path, "null_value");
    if (!isObject(v)) return this.add(path, "not_object");
    switch (v.objectType) {
      case undefined:
      case "Activity":
        return this.activity(v, path);
      case "Agent":
        return this.agent(v, path, { objectTypeRequired: true });
      case "Group":
        return this.group(v, path);
      case "StatementRef":
        return this.statementRef(v, path);
      case "SubStatement":
        if (inSubStatement) return this.add(`${path}.objectType`, "substatement_nested");
        return this.body(v, path, true);
      default:
        return this.add(`${path}.objectType`, "object_type");
    }
  }

  result(v: unknown, path: string) {
    if (!this.object(v, path, ["score", "success", "completion", "response", "duration", "extensions"])) return;
    if (v.score !== undefined && this.object(v.score, `${path}.score`, ["scaled", "raw", "min", "max"])) {
      const s = v.score;
      const scaled = s.scaled !== undefined && this.number(s.scaled, `${path}.score.scaled`) ? s.scaled : undefined;
      const raw = s.raw !== undefined && this.number(s.raw, `${path}.score.raw`) ? s.raw : undefined;
      const min = s.min !== undefined && this.number(s.min, `${path}.score.min`) ? s.min : undefined;
      const max = s.max !== undefined && this.number(s.max, `${path}.score.max`) ? s.max : undefined;
      if (scaled !== undefined && (scaled < -1 || scaled > 1)) this.add(`${path}.score.scaled`, "scaled_range");
      if (min !== undefined && max !== undefined && min >= max) this.add(`${path}.score.min`, "min_max");
      if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max))) {
        this.add(`${path}.score.raw`, "raw_range");
      }
    }
    if (v.success !== undefined) this.boolean(v.success, `${path}.success`);
    if (v.completion !== undefined) this.boolean(v.completion, `${path}.completion`);
    if (v.response !== undefined) this.string(v.response, `${path}.response`);
    if (v.duration !== undefined) this.pattern(v.duration, `${path}.duration`, (s) => DURATION.test(s), "duration");
    if (v.extensions !== undefined) this.extensions(v.extensions, `${path}.extensions`);
  }

  context(v: unknown, path: string, objectIsActivity: boolean) {
    const allowed = ["registration", "instructor", "team", "contextActivities", "revision", "platform", "language", "statement", "extensions"];
    if (!this.object(v, path, allowed)) return;
    if (v.registration !== undefined) this.uuid(v.registration, `${path}.registration`);
    if (v.instructor !== undefined) this.actor(v.instructor, `${path}.instructor`);
    if (v.team !== undefined) {
      if (isObject(v.team) && v.team.objectType !== "Group") this.add(`${path}.team`, "team_group");
      else this.group(v.team, `${path}.team`);
    }
    if (v.contextActivities !== undefined) {
      const ca = v.contextActivities;
      if (this.object(ca, `${path}.contextActivities`, ["parent", "grouping", "category", "other"])) {
        for (const [kind, value] of Object.entries(ca)) {
          const list = Array.isArray(value) ? value : [value];
          list.forEach((a, i) => this.activity(a, `${path}.contextActivities.${kind}${Array.isArray(value) ? `[${i}]` : ""}`));
        }
      }
    }
    for (const key of ["revision", "platform"] as const) {
      if (v[key] === undefined) continue;
      this.string(v[key], `${path}.${key}`);
      if (!objectIsActivity) this.add(`${path}.${key}`, "context_activity_only");
    }
    if (v.language !== undefined) this.pattern(v.language, `${path}.language`, (s) => LANGUAGE_TAG.test(s), "language_tag");
    if (v.statement !== undefined) {
      if (isObject(v.statement) && v.statement.objectType !== "StatementRef") this.add(`${path}.statement.objectType`, "object_type");
      else if (isObject(v.statement)) this.statementRef(v.statement, `${path}.statement`);
      else this.add(`${path}.statement`, v.statement === null ? "null_value" : "not_object");
    }
    if (v.extensions !== undefined) this.extensions(v.extensions, `${path}.extensions`);
  }

  attachments(v: unknown, path: string) {
    if (!this.array(v, path)) return;
    v.forEach((a, i) => {
      const p = `${path}[${i}]`;
      const allowed = ["usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"];
      if (!this.object(a, p, allowed, ["usageType", "display", "contentType", "length", "sha2"])) return;
      if (a.usageType !== undefined) this.iri(a.usageType, `${p}.usageType`);
      if (a.display !== undefined) this.languageMap(a.display, `${p}.display`);
      if (a.description !== undefined) this.languageMap(a.description, `${p}.description`);
      if (a.contentType !== undefined) this.string(a.contentType, `${p}.contentType`);
      if (a.length !== undefined && this.number(a.length, `${p}.length`) && (!Number.isInteger(a.length) || a.length < 0)) {
        this.add(`${p}.length`, "not_integer");
      }
      if (a.sha2 !== undefined) this.string(a.sha2, `${p}.sha2`);
      if (a.fileUrl !== undefined) this.iri(a.fileUrl, `${p}.fileUrl`);
    });
  }

  /** What a Statement and a SubStatement share. */
  body(v: Json, path: string, sub: boolean) {
    const common = ["actor", "verb", "object", "result", "context", "timestamp", "attachments"];
    const allowed = sub ? ["objectType", ...common] : ["id", ...common, "stored", "authority", "version"];
    for (const key of Object.keys(v)) {
      if (!allowed.includes(key)) {
        this.add(`${path}.${key}`, sub && ["id", "stored", "authority", "version"].includes(key) ? "substatement_property" : "unknown_property");
      } else if (v[key] === null) this.add(`${path}.${key}`, "null_value");
    }
    for (const key of ["actor", "verb", "object"]) if (v[key] === undefined) this.add(`${path}.${key}`, "required");
    if (v.actor !== undefined) this.actor(v.actor, `${path}.actor`);
    if (v.verb !== undefined) this.verb(v.verb, `${path}.verb`);
    if (v.object !== undefined) this.statementObject(v.object, `${path}.object`, sub);
    if (v.result !== undefined) this.result(v.result, `${path}.result`);
    const object = v.object;
    const objectIsActivity = isObject(object) && (object.objectType === undefined || object.objectType === "Activity");
    if (v.context !== undefined) this.context(v.context, `${path}.context`, objectIsActivity);
    if (v.timestamp !== undefined) this.pattern(v.timestamp, `${path}.timestamp`, isTimestamp, "timestamp");
    if (v.attachments !== undefined) this.attachments(v.attachments, `${path}.attachments`);
    if (!sub) {
      if (v.id !== undefined) this.uuid(v.id, `${path}.id`);
      if (v.stored !== undefined) this.pattern(v.stored, `${path}.stored`, isTimestamp, "timestamp");
      if (v.authority !== undefined) this.authority(v.authority, `${path}.authority`);
      if (v.version !== undefined) this.pattern(v.version, `${path}.version`, isVersion, "version");
      const verb = v.verb;
      if (isObject(verb) && verb.id === VOIDED_VERB && !(isObject(object) && object.objectType === "StatementRef")) {
        this.add(`${path}.object`, "voiding_object");
      }
    }
  }
}

/** Issues of one statement (empty when valid). `path` prefixes each issue's path. */
export function validateStatement(value: unknown, path = "statement"): Issue[] {
  const checker = new Checker();
  if (value === null) checker.add(path, "null_value");
  else if (!isObject(value)) checker.add(path, "not_object");
  else checker.body(value, path, false);
  return checker.issues;
}

/** Issues of an Agent or Identified Group given as a query parameter. */
export function validateAgentParameter(value: unknown): Issue[] {
  const checker = new Checker();
  checker.actor(value, "agent");
  if (isObject(value) && value.objectType === "Group" && checker.ifiCount(value) !== 1) checker.add("agent", "ifi_count");
  return checker.issues;
}
