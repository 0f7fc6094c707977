import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { projectTeacherAccess } from "./access.server";
import { todayInParis } from "./dates";
import { labelPupil, type Viewer } from "./people";
import * as q from "./queries.server";

/**
 * A project as one document to keep or share (HTML): brief, milestones and
 * each team's document and submissions. Pupils appear by first name only —
 * never a surname — and pupils in limited mode or purged as "Élève N".
 */
export async function getProjectExport(db: Db, user: User, projectId: string) {
  const { project } = await projectTeacherAccess(db, user, projectId);
  // Read as an outsider would: first names only, nobody hidden behind "oneself".
  const outsider: Viewer = { kind: "pupil", userId: "", seatId: "" };
  const today = todayInParis();
  const [classes, milestones, teams, members, documents, submissions] = await Promise.all([
    db
      .selectFrom("project_class")
      .innerJoin("school_class", "school_class.id", "project_class.class_id")
      .select(["school_class.name", "school_class.school", "school_class.school_year"])
      .where("project_class.project_id", "=", project.id)
      .execute(),
    db.selectFrom("project_milestone").select(["id", "title", q.dateText("due_on").as("dueOn")]).where("project_id", "=", project.id).orderBy("due_on").execute(),
    db.selectFrom("project_team").select(["id", "name"]).where("project_id", "=", project.id).orderBy("name").execute(),
    db.selectFrom("project_team_member").select(["team_id", "pupil_id"]).where("project_id", "=", project.id).execute(),
    db
      .selectFrom("team_document")
      .innerJoin("project_team", "project_team.id", "team_document.team_id")
      .select(["team_document.team_id", "team_document.content", "team_document.version"])
      .where("project_team.project_id", "=", project.id)
      .execute(),
    db
      .selectFrom("project_submission")
      .innerJoin("project_team", "project_team.id", "project_submission.team_id")
      .select((eb) => [
        "project_submission.id",
        "project_submission.team_id",
        "project_submission.milestone_id",
        "project_submission.version",
        "project_submission.submitted_at",
        eb
          .selectFrom("submission_review")
          .select("decision")
          .whereRef("submission_review.submission_id", "=", "project_submission.id")
          .orderBy("reviewed_at", "desc")
          .limit(1)
          .as("decision"),
      ])
      .where("project_team.project_id", "=", project.id)
      .orderBy("project_submission.version")
      .execute(),
  ]);
  const rows = await q.pupilRows(db, { seatIds: [...new Set(members.map((m) => m.pupil_id))] });
  const labels = new Map(rows.map((r) => [r.seatId, labelPupil(r, outsider, today)]));
  return {
    title: project.title,
    brief: project.brief,
    competences: project.competences,
    classes,
    milestones,
    exportedOn: today,
    teams: teams.map((team) => ({
      name: team.name,
      members: members.filter((m) => m.team_id === team.id).map((m) => labels.get(m.pupil_id)!).filter(Boolean).sort((a, b) => a.number - b.number),
      document: documents.find((d) => d.team_id === team.id)?.content ?? { type: "doc", content: [] },
      submissions: milestones.map((m) => {
        const versions = submissions.filter((s) => s.team_id === team.id && s.milestone_id === m.id);
        const last = versions[versions.length - 1];
        return { milestone: m.title, versions: versions.length, decision: last?.decision ?? null, submittedAt: last?.submitted_at ?? null };
      }),
    })),
  };
}
