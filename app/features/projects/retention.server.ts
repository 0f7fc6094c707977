import type { User } from "../../../db/schema/accounts";
import { type Db, type DbOrTrx, withRetryingTransaction } from "../../lib/db.server";
import { env } from "../../lib/env.server";
import { logger } from "../../lib/logger.server";
import { personalDataSources } from "../../lib/personal-data.server";
import { teacherClass } from "./access.server";
import * as q from "./retention/queries.server";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * End of the school year: the class is archived. Its pages stay readable,
 * nothing can be changed, joining is closed; PROJECTS_RETENTION_DAYS later
 * the retention job deletes the pupils' personal data.
 */
export async function archiveClass(db: Db, user: User, classId: string, now = new Date()) {
  const schoolClass = await teacherClass(db, user, classId);
  if (schoolClass.archived_at) return schoolClass.archived_at;
  await q.markClassArchived(db, schoolClass.id, now);
  return now;
}

export function purgeDate(archivedAt: Date, retentionDays = env().PROJECTS_RETENTION_DAYS) {
  return new Date(archivedAt.getTime() + retentionDays * DAY_MS);
}

/**
 * Deletes the personal data of one archived class's pupils, keeping the
 * work anonymous ("Élève 1", "Élève 2"…):
 * - accounts created for the class (bulk import) are deleted, unless the
 *   pupil is also in another class still running;
 * - for other accounts, the birth date goes when no other class needs it;
 * - consent records of the class are deleted;
 * - every seat is unlinked from its account: documents, tasks, files,
 *   submissions and assessments point at the seat, so they stay, unnamed.
 * Submissions and documents never store names, so nothing else to scrub.
 */
export async function purgeClassPersonalData(trx: DbOrTrx, classId: string, now = new Date()) {
  const seats = await q.linkedSeatsOfClass(trx, classId);
  let deletedAccounts = 0;
  for (const seat of seats) {
    const userId = seat.user_id!;
    await q.deleteConsentsOfPupil(trx, userId, classId);
    await q.unlinkSeat(trx, seat.id);
    if (await q.seatedElsewhere(trx, userId, classId)) continue;
    const profile = await q.profileOrigin(trx, userId);
    await q.deleteConsentsOfPupil(trx, userId);
    if (profile?.account_created_for_class_id === classId) {
      // The same erasure as an account deletion: every domain's hook, then the row (FKs cascade or set null).
      for (const source of personalDataSources()) await source.erase?.(trx, userId);
      await q.deleteAccount(trx, userId);
      deletedAccounts++;
    } else {
      await q.deletePupilProfile(trx, userId);
    }
  }
  await q.markClassPurged(trx, classId, now);
  return { seats: seats.length, deletedAccounts };
}

/** The periodic job: every class archived for longer than the retention period, one transaction each. */
export async function purgeExpiredClasses(db: Db, now = new Date(), retentionDays = env().PROJECTS_RETENTION_DAYS) {
  const due = await q.classesDueForPurge(db, new Date(now.getTime() - retentionDays * DAY_MS));
  const done: { classId: string; seats: number; deletedAccounts: number }[] = [];
  for (const { id } of due) {
    try {
      const result = await withRetryingTransaction(db, async (trx) => {
        // Another process may have purged it meanwhile: lock and re-check.
        const still = await q.lockClassToPurge(trx, id);
        return still ? purgeClassPersonalData(trx, id, now) : null;
      });
      if (result) done.push({ classId: id, ...result });
    } catch (err) {
      logger.error({ err, classId: id }, "school class retention purge failed");
    }
  }
  if (done.length) logger.info({ classes: done.length, retentionDays }, "school classes: pupils' personal data deleted after retention");
  return done;
}

/** For the periodic scheduler (app/lib/jobs.server.ts). */
export const projectsRetentionJob = {
  name: "projects-retention",
  everyMs: 6 * 60 * 60 * 1000,
  run: (db: Db, now: Date) => purgeExpiredClasses(db, now),
};

/** Used by tests and the class page: how long is left before the purge. */
export function daysUntilPurge(archivedAt: Date, now = new Date()) {
  return Math.max(0, Math.ceil((purgeDate(archivedAt).getTime() - now.getTime()) / DAY_MS));
}
