import { randomUUID } from "node:crypto";
import type { User } from "../../../db/schema/accounts";
import { withRetryingTransaction, type Db } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { invalidStatement, prepareStatement, storePrepared, type PreparedStatement } from "../xapi/service.server";
import { validateStatement, VOIDED_VERB } from "../xapi/validation";
import { logger } from "../../lib/logger.server";
import { embeddedContentIds } from "./lesson-content";
import { activityIri, scoreAdjustedIri } from "./player.server";
import { updateLessonsFromActivities } from "./progress.server";
import * as q from "./queries.server";
import { withScoreInBounds } from "./score";

/**
 * The browser's statements, relayed to the LRS with the learner's session.
 * The browser's actor is never trusted: the server writes the learner's
 * account (homePage = the site, name = the user id), sets authority and
 * stored, and keeps the statement id the browser chose, so a statement sent
 * again is stored once. Each statement is answered on its own (stored,
 * already there, or refused) so that one bad statement cannot block the
 * learner's queue. A score out of xAPI's bounds is brought back within them
 * and marked (score.ts, decision 030); its id is listed as `adjusted`.
 */
export const MAX_RELAY_BATCH = 50;
const RELEVANT = new Set(["completed", "passed", "failed", "answered"].map((v) => `http://adlnet.gov/expapi/verbs/${v}`));

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export interface RelayItem {
  statement: Json;
  contentId: string;
  lessonId: string | null;
  /** The lesson page's signed « opened at », verified by the courses domain on completion (decision 042). */
  openedAt?: string | null;
}

export interface RelayOutcome {
  stored: string[];
  duplicates: string[];
  rejected: { id: string; error: string }[];
  /** Stored (or already there) with a score brought within bounds. */
  adjusted: string[];
}

const MAX_BODY = 512 * 1024;

/** The relay's request: JSON of at most 512 KB, in the shape parseRelayBody takes (400 and 413 otherwise, refused for good). */
export async function readRelayRequest(request: Request): Promise<RelayItem[]> {
  if (!/^application\/json\b/i.test(request.headers.get("Content-Type") ?? "")) throw appError(400, "content_type", "errors:unsupported_body");
  const text = await request.text();
  if (text.length > MAX_BODY) throw appError(413, "too_large", "errors:too_large");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw appError(400, "bad_json", "errors:bad_json");
  }
  return parseRelayBody(body);
}

export function parseRelayBody(body: unknown): RelayItem[] {
  const items = isObject(body) && Array.isArray(body.statements) ? body.statements : null;
  if (!items || items.length === 0 || items.length > MAX_RELAY_BATCH) throw appError(400, "bad_relay", "h5p:errors.bad_relay");
  return items.map((item) => {
    if (!isObject(item) || !isObject(item.statement) || typeof item.contentId !== "string") {
      throw appError(400, "bad_relay", "h5p:errors.bad_relay");
    }
    return {
      statement: item.statement,
      contentId: item.contentId.toLowerCase(),
      lessonId: typeof item.lessonId === "string" && isUuid(item.lessonId) ? item.lessonId.toLowerCase() : null,
      openedAt: typeof item.openedAt === "string" && item.openedAt.length <= 100 ? item.openedAt : null,
    };
  });
}

export async function relayStatements(
  db: Db,
  user: User,
  items: RelayItem[],
  site: string,
  { onCourseCompleted }: { onCourseCompleted?: () => Promise<unknown> } = {},
): Promise<RelayOutcome> {
  const outcome: RelayOutcome = { stored: [], duplicates: [], rejected: [], adjusted: [] };
  const adjusted = new Set<string>();
  const contents = new Map<string, boolean>();
  const lessons = new Map<string, string[]>();
  for (const item of items) {
    if (!contents.has(item.contentId)) contents.set(item.contentId, isUuid(item.contentId) && !!(await q.findContent(db, item.contentId)));
    if (item.lessonId && !lessons.has(item.lessonId)) {
      const lesson = await q.findLessonBody(db, item.lessonId);
      lessons.set(item.lessonId, lesson ? embeddedContentIds(lesson.body) : []);
    }
  }

  const stored = new Date();
  const writer = { authority: { objectType: "Agent", name: "Passerelle", account: { homePage: site, name: "passerelle" } }, credentialId: null };
  const prepared: { p: PreparedStatement; item: RelayItem }[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const raw = item.statement;
    const id = typeof raw.id === "string" && isUuid(raw.id) ? raw.id.toLowerCase() : randomUUID();
    const refuse = (error: string) => outcome.rejected.push({ id: typeof raw.id === "string" ? raw.id : id, error });
    if (seen.has(id)) continue;
    seen.add(id);
    if (!contents.get(item.contentId)) { refuse("unknown_content"); continue; }
    if (isObject(raw.verb) && raw.verb.id === VOIDED_VERB) { refuse("voiding"); continue; }
    const iri = activityIri(site, item.contentId);
    const objectId = isObject(raw.object) ? raw.object.id : undefined;
    if (typeof objectId !== "string" || (objectId !== iri && !objectId.startsWith(`${iri}?`))) { refuse("foreign_activity"); continue; }
    const lessonId = item.lessonId && lessons.get(item.lessonId)?.includes(item.contentId) ? item.lessonId : null;
    const inBounds = withScoreInBounds({ ...raw, id, actor: { objectType: "Agent", account: { homePage: site, name: user.id } } }, scoreAdjustedIri(site));
    const statement = inBounds.statement;
    if (inBounds.adjusted) adjusted.add(id);
    delete statement.authority;
    delete statement.stored;
    delete statement.version;
    if (lessonId) statement.context = withLessonGrouping(statement.context, `${site}/lecons/${lessonId}`);
    const issues = validateStatement(statement);
    if (issues.length) {
      refuse(`invalid: ${invalidStatement(issues[0]!).values.path}`);
      continue;
    }
    prepared.push({ p: prepareStatement(statement, writer, stored), item: { ...item, lessonId } });
  }

  if (prepared.length) {
    const result = await withRetryingTransaction(db, async (trx) => {
      const r = await storePrepared(trx, prepared.map((x) => x.p), { conflicts: "report" });
      await q.insertLinks(
        trx,
        prepared
          .filter((x) => r.inserted.has(x.p.id))
          .map((x) => ({ statement_id: x.p.id, user_id: user.id, content_id: x.item.contentId, lesson_id: x.item.lessonId })),
      );
      return r;
    });
    for (const { p } of prepared) {
      if (result.conflicting.has(p.id)) outcome.rejected.push({ id: p.id, error: "conflict" });
      else if (result.inserted.has(p.id)) outcome.stored.push(p.id);
      else outcome.duplicates.push(p.id);
      if (adjusted.has(p.id) && !result.conflicting.has(p.id)) outcome.adjusted.push(p.id);
    }
    if (outcome.adjusted.length) logger.info({ userId: user.id, statements: outcome.adjusted }, "H5P scores brought within xAPI's bounds");
    // Done again for duplicates too: if an earlier attempt stored the statement
    // but stopped before the progress, this one completes it (it is idempotent).
    const touched = new Set(
      prepared
        .filter(({ p, item }) => item.lessonId && RELEVANT.has(p.row.verb_id) && !result.conflicting.has(p.id))
        .map(({ item }) => item.lessonId!),
    );
    const openedAt = new Map<string, string>();
    for (const { item } of prepared) if (item.lessonId && item.openedAt && !openedAt.has(item.lessonId)) openedAt.set(item.lessonId, item.openedAt);
    const { courseCompletedNow } = await updateLessonsFromActivities(db, user, [...touched], openedAt);
    // A course completed by an activity may earn a badge: issued now, by the caller (the badges domain sits above this one).
    if (courseCompletedNow) await onCourseCompleted?.();
  }
  return outcome;
}

/** Adds the lesson as a `grouping` context activity (deterministic, so a retried statement is identical). */
function withLessonGrouping(context: unknown, lessonIri: string): Json {
  const c: Json = isObject(context) ? { ...context } : {};
  const ca: Json = isObject(c.contextActivities) ? { ...c.contextActivities } : {};
  const grouping = Array.isArray(ca.grouping) ? [...ca.grouping] : ca.grouping ? [ca.grouping] : [];
  if (!grouping.some((a) => isObject(a) && a.id === lessonIri)) grouping.push({ id: lessonIri, objectType: "Activity" });
  ca.grouping = grouping;
  c.contextActivities = ca;
  return c;
}
