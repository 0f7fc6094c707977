import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

export function listLibraries(db: DbOrTrx) {
  return db
    .selectFrom("h5p_library")
    .leftJoin("app_user", "app_user.id", "h5p_library.installed_by")
    .select([
      "h5p_library.id",
      "h5p_library.machine_name",
      "h5p_library.major_version",
      "h5p_library.minor_version",
      "h5p_library.patch_version",
      "h5p_library.title",
      "h5p_library.runnable",
      "h5p_library.updated_at",
      "app_user.first_name as installed_by_name",
    ])
    .orderBy("h5p_library.machine_name")
    .orderBy("h5p_library.major_version", "desc")
    .orderBy("h5p_library.minor_version", "desc")
    .execute();
}

export function listLibraryVersions(db: DbOrTrx) {
  return db.selectFrom("h5p_library").select(["machine_name", "major_version", "minor_version", "patch_version", "storage_prefix"]).execute();
}

export function findLibrary(db: DbOrTrx, machineName: string, major: number, minor: number) {
  return db
    .selectFrom("h5p_library")
    .select(["id", "storage_prefix", "patch_version"])
    .where("machine_name", "=", machineName)
    .where("major_version", "=", major)
    .where("minor_version", "=", minor)
    .executeTakeFirst();
}

export interface LibraryRow {
  machineName: string;
  major: number;
  minor: number;
  patch: number;
  title: string;
  runnable: boolean;
  json: Record<string, unknown>;
  storagePrefix: string;
  installedBy: string | null;
}

/**
 * Inserts or upgrades a library; returns the storage prefix it replaced (to
 * delete after commit), or null. A lower or equal patch never replaces.
 */
export async function upsertLibrary(db: DbOrTrx, row: LibraryRow) {
  const existing = await db
    .selectFrom("h5p_library")
    .select(["id", "storage_prefix", "patch_version"])
    .where("machine_name", "=", row.machineName)
    .where("major_version", "=", row.major)
    .where("minor_version", "=", row.minor)
    .forUpdate()
    .executeTakeFirst();
  const values = {
    patch_version: row.patch,
    title: row.title,
    runnable: row.runnable,
    library_json: row.json,
    storage_prefix: row.storagePrefix,
    installed_by: row.installedBy,
  };
  if (!existing) {
    await db
      .insertInto("h5p_library")
      .values({ machine_name: row.machineName, major_version: row.major, minor_version: row.minor, ...values })
      .execute();
    return { replaced: null, installed: true };
  }
  if (existing.patch_version >= row.patch) return { replaced: null, installed: false };
  await db.updateTable("h5p_library").set({ ...values, updated_at: sql`now()` }).where("id", "=", existing.id).execute();
  return { replaced: existing.storage_prefix, installed: true };
}

export function insertContent(
  db: DbOrTrx,
  v: {
    id: string;
    title: string;
    mainLibrary: string;
    manifest: Record<string, unknown>;
    storagePrefix: string;
    fileCount: number;
    totalBytes: number;
    createdBy: string | null;
    sourceKey?: string;
    contentHash: string | null;
  },
) {
  return db
    .insertInto("h5p_content")
    .values({
      id: v.id,
      title: v.title,
      main_library: v.mainLibrary,
      h5p_json: v.manifest,
      storage_prefix: v.storagePrefix,
      file_count: v.fileCount,
      total_bytes: v.totalBytes,
      created_by: v.createdBy,
      source_key: v.sourceKey ?? null,
      content_hash: v.contentHash,
    })
    .returning(["id", "title"])
    .executeTakeFirstOrThrow();
}

export function findContent(db: DbOrTrx, id: string) {
  return db.selectFrom("h5p_content").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The oldest activity with these content files, among `createdBy`'s (or all when null). */
export function findContentByHash(db: DbOrTrx, hash: string, createdBy: string | null) {
  let q = db
    .selectFrom("h5p_content")
    .select(["id", "title", "created_at"])
    .where("content_hash", "=", hash)
    .orderBy("created_at")
    .limit(1);
  if (createdBy) q = q.where("created_by", "=", createdBy);
  return q.executeTakeFirst();
}

export function findContentBySourceKey(db: DbOrTrx, sourceKey: string) {
  return db.selectFrom("h5p_content").select(["id"]).where("source_key", "=", sourceKey).executeTakeFirst();
}

export function listContents(db: DbOrTrx, { createdBy }: { createdBy?: string }) {
  let q = db
    .selectFrom("h5p_content")
    .leftJoin("app_user", "app_user.id", "h5p_content.created_by")
    .select(["h5p_content.id", "h5p_content.title", "h5p_content.main_library", "h5p_content.created_at", "h5p_content.created_by", "app_user.first_name as author"])
    .orderBy("h5p_content.created_at", "desc")
    .limit(200);
  if (createdBy) q = q.where("h5p_content.created_by", "=", createdBy);
  return q.execute();
}

export function findState(db: DbOrTrx, k: { userId: string; contentId: string; dataType: string; subContentId: string }) {
  return db
    .selectFrom("h5p_user_state")
    .select("state")
    .where("user_id", "=", k.userId)
    .where("content_id", "=", k.contentId)
    .where("data_type", "=", k.dataType)
    .where("sub_content_id", "=", k.subContentId)
    .executeTakeFirst();
}

export async function saveState(db: DbOrTrx, k: { userId: string; contentId: string; dataType: string; subContentId: string }, state: string) {
  await db
    .insertInto("h5p_user_state")
    .values({ user_id: k.userId, content_id: k.contentId, data_type: k.dataType, sub_content_id: k.subContentId, state })
    .onConflict((oc) => oc.columns(["user_id", "content_id", "data_type", "sub_content_id"]).doUpdateSet({ state, updated_at: sql`now()` }))
    .execute();
}

export async function deleteState(db: DbOrTrx, k: { userId: string; contentId: string; dataType: string; subContentId: string }) {
  await db
    .deleteFrom("h5p_user_state")
    .where("user_id", "=", k.userId)
    .where("content_id", "=", k.contentId)
    .where("data_type", "=", k.dataType)
    .where("sub_content_id", "=", k.subContentId)
    .execute();
}

export async function insertLinks(db: DbOrTrx, rows: { statement_id: string; user_id: string; content_id: string; lesson_id: string | null }[]) {
  if (rows.length === 0) return;
  await db.insertInto("h5p_statement_link").values(rows).onConflict((oc) => oc.column("statement_id").doNothing()).execute();
}

/** Lesson bodies (tiptap JSON) by id, to see which H5P contents they embed. */
export function findLessonBody(db: DbOrTrx, lessonId: string) {
  return db.selectFrom("lesson").select(["id", "body"]).where("id", "=", lessonId).executeTakeFirst();
}

export function findLessonByKeys(db: DbOrTrx, courseSlug: string, lessonKey: string) {
  return db
    .selectFrom("lesson")
    .innerJoin("course", "course.id", "lesson.course_id")
    .select(["lesson.id", "lesson.body"])
    .where("course.slug", "=", courseSlug)
    .where("lesson.source_key", "=", lessonKey)
    .executeTakeFirst();
}

export async function setLessonBody(db: DbOrTrx, lessonId: string, body: { type: "doc"; content?: unknown[] }) {
  await db.updateTable("lesson").set({ body, updated_at: sql`now()` }).where("id", "=", lessonId).execute();
}

export async function insertUrlKeyOnce(db: DbOrTrx, secret: Buffer) {
  await db.insertInto("h5p_url_key").values({ id: 1, secret }).onConflict((oc) => oc.column("id").doNothing()).execute();
}

export async function findUrlKey(db: DbOrTrx) {
  const row = await db.selectFrom("h5p_url_key").select("secret").where("id", "=", 1).executeTakeFirstOrThrow();
  return Buffer.from(row.secret);
}

/* A learner's data, for "download my data" */

/** The statements relayed for the person, as stored (actor included). */
export function listRelayedStatementsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("h5p_statement_link as l")
    .innerJoin("xapi_statement as s", "s.id", "l.statement_id")
    .select(["s.statement", "s.voided", "l.content_id", "l.lesson_id"])
    .where("l.user_id", "=", userId)
    .orderBy("s.stored")
    .execute();
}

export function listSavedStatesOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("h5p_user_state")
    .select(["content_id", "data_type", "sub_content_id", "state", "updated_at"])
    .where("user_id", "=", userId)
    .execute();
}

/** Deletes from the LRS every statement naming the person: relayed by the app, or stored by an external tool under their account. */
export async function deleteStatementsOf(db: DbOrTrx, userId: string) {
  await db
    .deleteFrom("xapi_statement")
    .where((eb) =>
      eb.or([
        eb("id", "in", eb.selectFrom("h5p_statement_link").select("statement_id").where("user_id", "=", userId)),
        // Statements an external tool stored under the same account (homePage = this site, name = the id).
        eb("actor_key", "like", sql<string>`${"account:%"} || ${` ${userId}`}`),
      ]),
    )
    .execute();
}
