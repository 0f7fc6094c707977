import type { PersonalDataSource } from "../../lib/personal-data.server";
import * as q from "./queries.server";

/**
 * School projects in "download my data". Nothing to erase by hand: when an
 * account goes, its class seats are unlinked (ON DELETE SET NULL), so the
 * team's work stays as "Élève N" — the same as the retention job does.
 */
export const projectsPersonalData: PersonalDataSource = {
  name: "school_projects",
  async collect(db, userId) {
    const profile = await db
      .selectFrom("pupil_profile")
      .select([q.dateText("birth_date").as("birth_date"), "created_at"])
      .where("user_id", "=", userId)
      .executeTakeFirst();
    const classes = await db
      .selectFrom("class_pupil")
      .innerJoin("school_class", "school_class.id", "class_pupil.class_id")
      .select(["school_class.name", "school_class.school", "school_class.school_year", "class_pupil.number", "class_pupil.joined_at"])
      .where("class_pupil.user_id", "=", userId)
      .execute();
    const consents = await db
      .selectFrom("parental_consent")
      .select(["given_by", "method", q.dateText("given_on").as("given_on"), "recorded_at", "withdrawn_at"])
      .where("pupil_user_id", "=", userId)
      .execute();
    const teams = await db
      .selectFrom("project_team_member")
      .innerJoin("class_pupil", "class_pupil.id", "project_team_member.pupil_id")
      .innerJoin("project_team", "project_team.id", "project_team_member.team_id")
      .innerJoin("school_project", "school_project.id", "project_team.project_id")
      .select(["school_project.title as project", "project_team.name as team"])
      .where("class_pupil.user_id", "=", userId)
      .execute();
    const teaching = await db.selectFrom("school_class").select(["name", "school", "school_year", "created_at"]).where("teacher_id", "=", userId).execute();
    return { profile: profile ?? null, classes, consents, teams, teaching };
  },
};
