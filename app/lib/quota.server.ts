import { sql } from "kysely";
import type { StoredObjectTable } from "../../db/schema/platform";
import type { Db, DbOrTrx } from "./db.server";
import { env } from "./env.server";
import { appError } from "./errors";
import { lockKey } from "./jobs.server";

/**
 * Storage quotas (decision 023). An upload reserves its room in
 * `stored_object` before a byte is written: the person's (and the course's)
 * usage is summed under an advisory lock per person and per course, so two
 * uploads at the same moment cannot both squeeze under the limit. If writing
 * then fails, the caller releases the reservation. Deleting stored bytes
 * releases their row.
 */
export interface Reservation {
  /** The storage key, or the prefix under which an H5P activity is extracted. */
  key: string;
  kind: StoredObjectTable["kind"];
  ownerId: string;
  courseId?: string | null;
  bytes: number;
  files: number;
}

export interface Usage {
  bytes: number;
  files: number;
}

const MB = 1024 * 1024;

export function storageQuotas() {
  const e = env();
  return {
    user: { bytes: e.STORAGE_QUOTA_USER_MB * MB, files: e.STORAGE_QUOTA_USER_FILES },
    course: { bytes: e.STORAGE_QUOTA_COURSE_MB * MB, files: e.STORAGE_QUOTA_COURSE_FILES },
  };
}

export async function storageUsage(db: DbOrTrx, of: { ownerId: string } | { courseId: string }): Promise<Usage> {
  const row = await db
    .selectFrom("stored_object")
    .select([sql<string>`coalesce(sum(byte_size), 0)`.as("bytes"), sql<string>`coalesce(sum(file_count), 0)`.as("files")])
    .where("ownerId" in of ? "owner_id" : "course_id", "=", "ownerId" in of ? of.ownerId : of.courseId)
    .executeTakeFirstOrThrow();
  return { bytes: Number(row.bytes), files: Number(row.files) };
}

const megabytes = (bytes: number) => Math.max(0, Math.round((bytes / MB) * 10) / 10);

function assertRoom(scope: "user" | "course", used: Usage, adding: Reservation, limit: Usage) {
  if (used.bytes + adding.bytes > limit.bytes) {
    throw appError(413, `storage_quota_${scope}`, `files:errors.quota_${scope}`, {
      max: megabytes(limit.bytes),
      left: megabytes(limit.bytes - used.bytes),
    });
  }
  if (used.files + adding.files > limit.files) {
    throw appError(413, `storage_quota_${scope}_files`, `files:errors.quota_${scope}_files`, { count: limit.files, left: Math.max(0, limit.files - used.files) });
  }
}

// Two-key advisory locks (class 23) never collide with the periodic jobs' one-key locks.
const lock = (trx: DbOrTrx, name: string) => sql`select pg_advisory_xact_lock(23, ${lockKey(name)}::int)`.execute(trx);

/** Refuses (413, translated) an upload that would take its owner or its course over quota; otherwise records it. */
export async function reserveStorage(db: Db, reservation: Reservation) {
  const quotas = storageQuotas();
  await db.transaction().execute(async (trx) => {
    // Always the person first, then the course: two uploads never wait on each other crosswise.
    await lock(trx, `storage:user:${reservation.ownerId}`);
    if (reservation.courseId) await lock(trx, `storage:course:${reservation.courseId}`);
    assertRoom("user", await storageUsage(trx, { ownerId: reservation.ownerId }), reservation, quotas.user);
    if (reservation.courseId) assertRoom("course", await storageUsage(trx, { courseId: reservation.courseId }), reservation, quotas.course);
    await trx
      .insertInto("stored_object")
      .values({
        key: reservation.key,
        kind: reservation.kind,
        owner_id: reservation.ownerId,
        course_id: reservation.courseId ?? null,
        byte_size: reservation.bytes,
        file_count: Math.max(1, reservation.files),
      })
      .execute();
  });
}

/** The bytes are gone (or were never written): they no longer count. */
export async function releaseStorage(db: DbOrTrx, keys: string | readonly string[]) {
  const list = typeof keys === "string" ? [keys] : [...keys];
  if (list.length) await db.deleteFrom("stored_object").where("key", "in", list).execute();
}
