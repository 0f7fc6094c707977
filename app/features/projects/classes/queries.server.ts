import type { SchoolLevel } from "../../../../db/schema/projects";
import type { DbOrTrx } from "../../../lib/db.server";
import { dateText } from "../queries.server";

export function insertClass(db: DbOrTrx, teacherId: string, input: { name: string; school: string; level: SchoolLevel; schoolYear: string }, joinCode: string) {
  return db
    .insertInto("school_class")
    .values({ name: input.name, school: input.school, level: input.level, school_year: input.schoolYear, join_code: joinCode, teacher_id: teacherId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The teacher's classes with their count of pupils, the running ones first, the latest first. */
export function classesOfTeacher(db: DbOrTrx, teacherId: string) {
  return db
    .selectFrom("school_class")
    .select((eb) => [
      "id",
      "name",
      "school",
      "level",
      "school_year",
      "archived_at",
      "personal_data_purged_at",
      eb.selectFrom("class_pupil").select((e) => e.fn.countAll<string>().as("n")).whereRef("class_pupil.class_id", "=", "school_class.id").where("class_pupil.user_id", "is not", null).as("pupils"),
    ])
    .where("teacher_id", "=", teacherId)
    .orderBy("archived_at", (ob) => ob.desc().nullsFirst())
    .orderBy("created_at", "desc")
    .execute();
}

/** The projects the person co-teaches, the latest first. */
export function coTaughtProjects(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("project_teacher")
    .innerJoin("school_project", "school_project.id", "project_teacher.project_id")
    .innerJoin("school_class", "school_class.id", "school_project.class_id")
    .select(["school_project.id", "school_project.title", "school_class.name as class_name", "school_class.school"])
    .where("project_teacher.user_id", "=", userId)
    .where("project_teacher.role", "=", "co_teacher")
    .orderBy("school_project.created_at", "desc")
    .execute();
}

/** The classes the person sits in (personal data not purged), the latest joined first. */
export function classesOfPupil(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("class_pupil")
    .innerJoin("school_class", "school_class.id", "class_pupil.class_id")
    .select(["school_class.id", "school_class.name", "school_class.school", "school_class.archived_at"])
    .where("class_pupil.user_id", "=", userId)
    .where("school_class.personal_data_purged_at", "is", null)
    .orderBy("class_pupil.joined_at", "desc")
    .execute();
}

/** The projects of these classes, the latest first. */
export function projectsOfClasses(db: DbOrTrx, classIds: string[]) {
  return db
    .selectFrom("project_class")
    .innerJoin("school_project", "school_project.id", "project_class.project_id")
    .select(["project_class.class_id", "school_project.id", "school_project.title"])
    .where("project_class.class_id", "in", classIds)
    .orderBy("school_project.created_at", "desc")
    .execute();
}

/** The accounts made for the class by import (they sign in with an access card). */
export function accountsMadeForClass(db: DbOrTrx, classId: string) {
  return db.selectFrom("pupil_profile").select("user_id").where("account_created_for_class_id", "=", classId).execute();
}

/** The class's projects (its own and those shared with it), the latest first. */
export function projectsOfClass(db: DbOrTrx, classId: string) {
  return db
    .selectFrom("project_class")
    .innerJoin("school_project", "school_project.id", "project_class.project_id")
    .select(["school_project.id", "school_project.title", "school_project.class_id"])
    .where("project_class.class_id", "=", classId)
    .orderBy("school_project.created_at", "desc")
    .execute();
}

/** The class's projects, the latest first, each with the seat's team in it. */
export function projectsOfClassForSeat(db: DbOrTrx, classId: string, seatId: string) {
  return db
    .selectFrom("project_class")
    .innerJoin("school_project", "school_project.id", "project_class.project_id")
    .leftJoin("project_team_member", (j) => j.onRef("project_team_member.project_id", "=", "school_project.id").on("project_team_member.pupil_id", "=", seatId))
    .leftJoin("project_team", "project_team.id", "project_team_member.team_id")
    .select(["school_project.id", "school_project.title", "project_team.id as team_id", "project_team.name as team_name"])
    .where("project_class.class_id", "=", classId)
    .orderBy("school_project.created_at", "desc")
    .execute();
}

/** A new join code, or none (joining closed). */
export async function setJoinCode(db: DbOrTrx, classId: string, joinCode: string | null) {
  await db.updateTable("school_class").set({ join_code: joinCode, updated_at: new Date() }).where("id", "=", classId).execute();
}

/** The running class with this join code. */
export function findOpenClassByCode(db: DbOrTrx, joinCode: string) {
  return db.selectFrom("school_class").selectAll().where("join_code", "=", joinCode).where("archived_at", "is", null).executeTakeFirst();
}

export function findPupilProfile(db: DbOrTrx, userId: string) {
  return db.selectFrom("pupil_profile").select("user_id").where("user_id", "=", userId).executeTakeFirst();
}

/** The pupil's birth date, unless a profile is already on record. */
export async function insertPupilProfileIfMissing(db: DbOrTrx, userId: string, birthDate: string) {
  await db.insertInto("pupil_profile").values({ user_id: userId, birth_date: birthDate }).onConflict((oc) => oc.column("user_id").doNothing()).execute();
}

export async function insertSeat(db: DbOrTrx, seat: { classId: string; userId: string; number: number; joinedVia: "code" | "import" }) {
  await db.insertInto("class_pupil").values({ class_id: seat.classId, user_id: seat.userId, number: seat.number, joined_via: seat.joinedVia }).execute();
}

/** A pupil account with neither email nor password (signs in with an access card). */
export function insertCardAccount(db: DbOrTrx, pupil: { firstName: string; lastName: string | null; createdBy: string }) {
  return db
    .insertInto("app_user")
    .values({ email: null, password_hash: null, first_name: pupil.firstName, last_name: pupil.lastName, role: "learner", created_by: pupil.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function insertImportedProfile(db: DbOrTrx, userId: string, birthDate: string, classId: string) {
  await db.insertInto("pupil_profile").values({ user_id: userId, birth_date: birthDate, account_created_for_class_id: classId }).execute();
}

/** A seat of the class with a pupil account: the account, its first name, and the class it was made for. */
export function findSeatWithAccount(db: DbOrTrx, classId: string, seatId: string) {
  return db
    .selectFrom("class_pupil")
    .innerJoin("app_user", "app_user.id", "class_pupil.user_id")
    .leftJoin("pupil_profile", "pupil_profile.user_id", "class_pupil.user_id")
    .select(["app_user.id", "app_user.first_name", "pupil_profile.account_created_for_class_id"])
    .where("class_pupil.id", "=", seatId)
    .where("class_pupil.class_id", "=", classId)
    .executeTakeFirst();
}

/** Download my data: the pupil profile, the seats and the classes taught. */
export function pupilProfileOfUser(db: DbOrTrx, userId: string) {
  return db.selectFrom("pupil_profile").select([dateText("birth_date").as("birth_date"), "created_at"]).where("user_id", "=", userId).executeTakeFirst();
}

export function seatsOfUser(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("class_pupil")
    .innerJoin("school_class", "school_class.id", "class_pupil.class_id")
    .select(["school_class.name", "school_class.school", "school_class.school_year", "class_pupil.number", "class_pupil.joined_at"])
    .where("class_pupil.user_id", "=", userId)
    .execute();
}

export function classesTaughtBy(db: DbOrTrx, userId: string) {
  return db.selectFrom("school_class").select(["name", "school", "school_year", "created_at"]).where("teacher_id", "=", userId).execute();
}
