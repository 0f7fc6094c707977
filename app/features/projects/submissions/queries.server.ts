import type { ReviewDecision, StoredDoc } from "../../../../db/schema/projects";
import type { DbOrTrx } from "../../../lib/db.server";
import { jsonb, latestDecision } from "../queries.server";

export function findMilestoneOfProject(db: DbOrTrx, projectId: string, milestoneId: string) {
  return db.selectFrom("project_milestone").select("id").where("id", "=", milestoneId).where("project_id", "=", projectId).executeTakeFirst();
}

/** The team's document, its row locked until the transaction ends. */
export function lockTeamDocument(db: DbOrTrx, teamId: string) {
  return db.selectFrom("team_document").select(["content", "version"]).where("team_id", "=", teamId).forUpdate().executeTakeFirstOrThrow();
}

/** The team's submissions for a milestone, the latest version first, each with its latest decision. */
export function submissionsForMilestone(db: DbOrTrx, teamId: string, milestoneId: string) {
  return db
    .selectFrom("project_submission")
    .select((eb) => [
      "project_submission.version",
      latestDecision(eb),
    ])
    .where("team_id", "=", teamId)
    .where("milestone_id", "=", milestoneId)
    .orderBy("version", "desc")
    .execute();
}

/** Which of `fileIds` are the team's files, not in the trash. */
export function liveFilesOfTeam(db: DbOrTrx, teamId: string, fileIds: string[]) {
  return db.selectFrom("team_attachment").select("id").where("team_id", "=", teamId).where("id", "in", fileIds).where("deleted_at", "is", null).execute();
}

export function insertSubmission(
  db: DbOrTrx,
  submission: { teamId: string; milestoneId: string; version: number; document: StoredDoc; documentVersion: number; message: string; seatId: string },
) {
  return db
    .insertInto("project_submission")
    .values({
      team_id: submission.teamId,
      milestone_id: submission.milestoneId,
      version: submission.version,
      document: jsonb(submission.document),
      document_version: submission.documentVersion,
      message: submission.message,
      submitted_by_pupil_id: submission.seatId,
    })
    .returning(["id", "version"])
    .executeTakeFirstOrThrow();
}

export async function insertSubmissionFiles(db: DbOrTrx, submissionId: string, fileIds: string[]) {
  await db
    .insertInto("submission_attachment")
    .values(fileIds.map((attachment_id) => ({ submission_id: submissionId, attachment_id })))
    .execute();
}

/** One of the team's submissions, with its milestone's title. */
export function findSubmissionOfTeam(db: DbOrTrx, teamId: string, submissionId: string) {
  return db
    .selectFrom("project_submission")
    .innerJoin("project_milestone", "project_milestone.id", "project_submission.milestone_id")
    .selectAll("project_submission")
    .select(["project_milestone.title as milestone_title"])
    .where("project_submission.id", "=", submissionId)
    .where("project_submission.team_id", "=", teamId)
    .executeTakeFirst();
}

export function filesOfSubmission(db: DbOrTrx, submissionId: string) {
  return db
    .selectFrom("submission_attachment")
    .innerJoin("team_attachment", "team_attachment.id", "submission_attachment.attachment_id")
    .select(["team_attachment.id", "team_attachment.file_name", "team_attachment.size_bytes", "team_attachment.content_type"])
    .where("submission_attachment.submission_id", "=", submissionId)
    .orderBy("team_attachment.file_name")
    .execute();
}

/** Every version the team handed in for the milestone, the latest first. */
export function versionsForMilestone(db: DbOrTrx, teamId: string, milestoneId: string) {
  return db
    .selectFrom("project_submission")
    .select(["id", "version", "submitted_at"])
    .where("team_id", "=", teamId)
    .where("milestone_id", "=", milestoneId)
    .orderBy("version", "desc")
    .execute();
}

/** The reviews of a submission, the latest first, with their reviewer's name. */
export function reviewsOfSubmission(db: DbOrTrx, submissionId: string) {
  return db
    .selectFrom("submission_review")
    .leftJoin("app_user", "app_user.id", "submission_review.reviewed_by")
    .select(["submission_review.id", "submission_review.decision", "submission_review.comment", "submission_review.reviewed_at", "app_user.first_name", "app_user.last_name"])
    .where("submission_review.submission_id", "=", submissionId)
    .orderBy("submission_review.reviewed_at", "desc")
    .execute();
}

export function assessmentsOfReviews(db: DbOrTrx, reviewIds: string[]) {
  return db.selectFrom("pupil_assessment").select(["review_id", "pupil_id", "competence", "level"]).where("review_id", "in", reviewIds).orderBy("competence").execute();
}

/** A submission of one of the project's teams. */
export function findSubmissionInProject(db: DbOrTrx, projectId: string, teamId: string, submissionId: string) {
  return db
    .selectFrom("project_submission")
    .innerJoin("project_team", "project_team.id", "project_submission.team_id")
    .select(["project_submission.id", "project_submission.team_id"])
    .where("project_submission.id", "=", submissionId)
    .where("project_submission.team_id", "=", teamId)
    .where("project_team.project_id", "=", projectId)
    .executeTakeFirst();
}

export function insertReview(db: DbOrTrx, review: { submissionId: string; decision: ReviewDecision; comment: string; reviewedBy: string }) {
  return db
    .insertInto("submission_review")
    .values({ submission_id: review.submissionId, decision: review.decision, comment: review.comment, reviewed_by: review.reviewedBy })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function insertAssessments(db: DbOrTrx, reviewId: string, levels: { seatId: string; competence: string; level: number }[]) {
  await db
    .insertInto("pupil_assessment")
    .values(levels.map((l) => ({ review_id: reviewId, pupil_id: l.seatId, competence: l.competence, level: l.level })))
    .execute();
}
