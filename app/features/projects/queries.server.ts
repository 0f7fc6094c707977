import { sql, type Expression, type ExpressionBuilder, type RawBuilder } from "kysely";
import type { Database } from "../../../db/types";
import type { DbOrTrx } from "../../lib/db.server";

/** A `date` column as "YYYY-MM-DD" text (both drivers would otherwise hand back a UTC Date). */
export function dateText(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
}

/**
 * A value for a jsonb column. Sent as text and cast by the server: a bare
 * JSON string would be stored by postgres.js as a JSON *string* scalar.
 */
/** A submission's latest review decision (null before any review), as the column `decision`. */
export function latestDecision(eb: ExpressionBuilder<Database, "project_submission">) {
  return eb
    .selectFrom("submission_review")
    .select("decision")
    .whereRef("submission_review.submission_id", "=", "project_submission.id")
    .orderBy("reviewed_at", "desc")
    .limit(1)
    .as("decision");
}

export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(${JSON.stringify(value)} as text)::jsonb`;
}

export function findClass(db: DbOrTrx, classId: string) {
  return db.selectFrom("school_class").selectAll().where("id", "=", classId).executeTakeFirst();
}

export function findSeatOfUser(db: DbOrTrx, classId: string, userId: string) {
  return db.selectFrom("class_pupil").selectAll().where("class_id", "=", classId).where("user_id", "=", userId).executeTakeFirst();
}

export function findProject(db: DbOrTrx, projectId: string) {
  return db.selectFrom("school_project").selectAll().where("id", "=", projectId).executeTakeFirst();
}

export function findProjectTeacher(db: DbOrTrx, projectId: string, userId: string) {
  return db.selectFrom("project_teacher").selectAll().where("project_id", "=", projectId).where("user_id", "=", userId).executeTakeFirst();
}

/** The user's seat in one of the project's classes (personal data not purged), with its team in this project. */
export function findPupilSeatInProject(db: DbOrTrx, projectId: string, userId: string) {
  return db
    .selectFrom("class_pupil")
    .innerJoin("project_class", "project_class.class_id", "class_pupil.class_id")
    .innerJoin("school_class", "school_class.id", "class_pupil.class_id")
    .leftJoin("project_team_member", (j) =>
      j.onRef("project_team_member.pupil_id", "=", "class_pupil.id").on("project_team_member.project_id", "=", projectId),
    )
    .select([
      "class_pupil.id",
      "class_pupil.number",
      "class_pupil.class_id",
      "school_class.archived_at",
      "project_team_member.team_id",
    ])
    .where("project_class.project_id", "=", projectId)
    .where("class_pupil.user_id", "=", userId)
    .where("school_class.personal_data_purged_at", "is", null)
    .executeTakeFirst();
}

export function findTeam(db: DbOrTrx, projectId: string, teamId: string) {
  return db.selectFrom("project_team").selectAll().where("id", "=", teamId).where("project_id", "=", projectId).executeTakeFirst();
}

/** Bumps the class's seat counter and returns the new seat number (the row lock orders concurrent joins). */
export async function nextSeatNumber(db: DbOrTrx, classId: string): Promise<number> {
  const row = await db
    .updateTable("school_class")
    .set({ pupil_counter: sql`pupil_counter + 1` })
    .where("id", "=", classId)
    .returning("pupil_counter")
    .executeTakeFirstOrThrow();
  return row.pupil_counter;
}

export interface PupilRow {
  seatId: string;
  number: number;
  classId: string;
  userId: string | null;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  hasConsent: boolean;
}

/** Seats with the names, birth dates and consent that decide how each pupil is shown. */
export function pupilRows(db: DbOrTrx, filter: { classId?: string; classIds?: string[]; seatIds?: string[] }): Promise<PupilRow[]> {
  let query = db
    .selectFrom("class_pupil")
    .leftJoin("app_user", "app_user.id", "class_pupil.user_id")
    .leftJoin("pupil_profile", "pupil_profile.user_id", "class_pupil.user_id")
    .select((eb) => [
      "class_pupil.id as seatId",
      "class_pupil.number as number",
      "class_pupil.class_id as classId",
      "class_pupil.user_id as userId",
      "app_user.first_name as firstName",
      "app_user.last_name as lastName",
      dateText("pupil_profile.birth_date").as("birthDate"),
      hasConsent(eb.ref("class_pupil.user_id")).as("hasConsent"),
    ])
    .orderBy("class_pupil.number");
  if (filter.classId) query = query.where("class_pupil.class_id", "=", filter.classId);
  if (filter.classIds) {
    if (filter.classIds.length === 0) return Promise.resolve([]);
    query = query.where("class_pupil.class_id", "in", filter.classIds);
  }
  if (filter.seatIds) {
    if (filter.seatIds.length === 0) return Promise.resolve([]);
    query = query.where("class_pupil.id", "in", filter.seatIds);
  }
  return query.execute() as Promise<PupilRow[]>;
}

/** A parental consent on record and not withdrawn. */
export function hasConsent(userId: Expression<string | null>) {
  return sql<boolean>`exists (select 1 from parental_consent pc where pc.pupil_user_id = ${userId} and pc.withdrawn_at is null)`;
}

/** Whether the person holds a seat in a school class (the pupils' menu entry). */
export async function holdsClassSeat(db: DbOrTrx, userId: string) {
  const seat = await db.selectFrom("class_pupil").select("id").where("user_id", "=", userId).limit(1).executeTakeFirst();
  return !!seat;
}

/** The seats among `seatIds` that belong to one of the project's classes and have a pupil. */
export function seatsInProject(db: DbOrTrx, projectId: string, seatIds: string[]) {
  if (seatIds.length === 0) return Promise.resolve([] as { id: string }[]);
  return db
    .selectFrom("class_pupil")
    .innerJoin("project_class", "project_class.class_id", "class_pupil.class_id")
    .select("class_pupil.id")
    .where("project_class.project_id", "=", projectId)
    .where("class_pupil.id", "in", seatIds)
    .where("class_pupil.user_id", "is not", null)
    .execute();
}

export function teamIdsOfProject(db: DbOrTrx, projectId: string) {
  return db.selectFrom("project_team").select("id").where("project_id", "=", projectId).execute();
}

/** Puts each listed seat in its team (or in none), replacing what it had: one statement each way. */
export async function replaceTeamMemberships(db: DbOrTrx, projectId: string, assignments: { seatId: string; teamId: string }[]) {
  const seatIds = assignments.map((a) => a.seatId);
  if (seatIds.length === 0) return;
  await db.deleteFrom("project_team_member").where("project_id", "=", projectId).where("pupil_id", "in", seatIds).execute();
  const rows = assignments.filter((a) => a.teamId).map((a) => ({ project_id: projectId, team_id: a.teamId, pupil_id: a.seatId }));
  if (rows.length) await db.insertInto("project_team_member").values(rows).execute();
}

/** The classes a pupil sits in that are still running, the latest joined first. */
export function activeClassesOfPupil(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("class_pupil")
    .innerJoin("school_class", "school_class.id", "class_pupil.class_id")
    .select("school_class.id")
    .where("class_pupil.user_id", "=", userId)
    .where("school_class.archived_at", "is", null)
    .orderBy("class_pupil.joined_at", "desc")
    .execute();
}
