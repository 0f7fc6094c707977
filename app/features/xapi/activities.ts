import { createHash } from "node:crypto";
import { ALL_COMPONENTS } from "./formats";

/**
 * The Activities resource's canonical definitions (xAPI-Communication §2.5,
 * decision 026): every definition a stored statement gives an Activity is
 * merged into one, so that a name sent in `en-US` by one statement and in
 * `fr-FR` by another both come back. The spec leaves canonical data to the
 * LRS; these rules keep every language seen and the latest of the rest.
 */
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The key of `xapi_activity`: an IRI of 2,048 characters can pass a btree key's size, its hash never does. */
export function activityHash(activityId: string): string {
  return createHash("sha256").update(activityId, "utf8").digest("hex");
}

const isActivity = (v: unknown): v is Json =>
  isObject(v) && typeof v.id === "string" && (v.objectType === undefined || v.objectType === "Activity");

function contextActivities(context: unknown): unknown[] {
  if (!isObject(context) || !isObject(context.contextActivities)) return [];
  return Object.values(context.contextActivities).flatMap((list) => (Array.isArray(list) ? list : [list]));
}

/** Every Activity of a statement that carries a definition, in statement order (object, context, sub-statement). */
export function definitionsIn(statement: Json): { id: string; definition: Json }[] {
  const candidates: unknown[] = [statement.object, ...contextActivities(statement.context)];
  const object = statement.object;
  if (isObject(object) && object.objectType === "SubStatement") candidates.push(object.object, ...contextActivities(object.context));
  return candidates.filter(isActivity).flatMap((a) => (isObject(a.definition) ? [{ id: a.id as string, definition: a.definition }] : []));
}

const MAPS = ["name", "description"] as const;

function mergeComponents(before: unknown, after: unknown[]): unknown[] {
  const earlier = new Map<string, Json>();
  if (Array.isArray(before)) for (const c of before) if (isObject(c) && typeof c.id === "string") earlier.set(c.id, c);
  return after.map((c) => {
    if (!isObject(c) || typeof c.id !== "string") return c;
    const previous = earlier.get(c.id);
    if (!previous || !isObject(previous.description) || !isObject(c.description)) return c;
    return { ...c, description: { ...previous.description, ...c.description } };
  });
}

/**
 * `next` seen after `base`: language maps and extensions keep every entry
 * (the later one wins for the same key); interaction components take the
 * later list, with each component's descriptions merged by id; any other
 * property takes the later value when it has one. A change of interaction
 * type drops what belonged to the former type.
 */
export function mergeDefinition(base: Json, next: Json): Json {
  const merged: Json = { ...base };
  if (next.interactionType !== undefined && next.interactionType !== base.interactionType) {
    for (const key of ["interactionType", "correctResponsesPattern", ...ALL_COMPONENTS]) delete merged[key];
  }
  for (const [key, value] of Object.entries(next)) {
    if ((MAPS as readonly string[]).includes(key) || key === "extensions") {
      merged[key] = isObject(merged[key]) && isObject(value) ? { ...merged[key], ...value } : value;
    } else if (ALL_COMPONENTS.includes(key) && Array.isArray(value)) {
      merged[key] = mergeComponents(merged[key], value);
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/** The definitions of a batch of statements (in order), merged per Activity id. */
export function definitionsOfBatch(statements: Json[]): Map<string, Json> {
  const byId = new Map<string, Json>();
  for (const statement of statements) {
    for (const { id, definition } of definitionsIn(statement)) {
      const before = byId.get(id);
      byId.set(id, before ? mergeDefinition(before, definition) : definition);
    }
  }
  return byId;
}
