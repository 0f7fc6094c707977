import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { projectTeacherAccess } from "./access.server";
import { todayInParis } from "./dates";
import { labelPupil, type Viewer } from "./people";
import * as pq from "./project/queries.server";
import * as q from "./queries.server";
import { milestonesOfProject } from "./teams/queries.server";

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
    pq.classNamesOfProject(db, project.id),
    milestonesOfProject(db, project.id),
    pq.teamsByName(db, project.id),
    pq.teamMembersOfProject(db, project.id),
    pq.documentsOfProject(db, project.id),
    pq.submissionVersionsOfProject(db, project.id),
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
