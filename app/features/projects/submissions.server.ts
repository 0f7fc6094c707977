import type { User } from "../../../db/schema/accounts";
import type { ReviewDecision } from "../../../db/schema/projects";
import { type Db, withRetryingTransaction } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { notFound, projectTeacherAccess, teamAccess, teamMemberAccess } from "./access.server";
import * as sq from "./submissions/queries.server";
import { memberSeats } from "./teams/queries.server";
import { parseAssessmentValue } from "./schemas";
import { seatLabels, teamMembers } from "./teams.server";

/**
 * A team hands in its work for a milestone: a snapshot of the document and
 * the chosen files, as version N+1. Nothing here ever updates a submission
 * (the database refuses it anyway): a change is a new version.
 */
export async function submitWork(
  db: Db,
  user: User,
  projectId: string,
  teamId: string,
  input: { milestoneId: string; attachmentIds: string[]; message: string },
) {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  const milestone = isUuid(input.milestoneId)
    ? await sq.findMilestoneOfProject(db, access.project.id, input.milestoneId)
    : undefined;
  if (!milestone) throw notFound("milestone");
  const fileIds = [...new Set(input.attachmentIds)];
  return withRetryingTransaction(db, async (trx) => {
    // Lock the team's document: the snapshot and the version number are taken together.
    const doc = await sq.lockTeamDocument(trx, access.team.id);
    const previous = await sq.submissionsForMilestone(trx, access.team.id, milestone.id);
    if (previous.some((p) => p.decision === "accepted")) throw appError(409, "milestone_accepted", "projects:errors.milestone_accepted");
    if (fileIds.length) {
      const owned = await sq.liveFilesOfTeam(trx, access.team.id, fileIds);
      if (owned.length !== fileIds.length) throw notFound("file");
    }
    const submission = await sq.insertSubmission(trx, {
      teamId: access.team.id,
      milestoneId: milestone.id,
      version: (previous[0]?.version ?? 0) + 1,
      document: doc.content,
      documentVersion: doc.version,
      message: input.message,
      seatId: access.viewer.seatId,
    });
    if (fileIds.length) await sq.insertSubmissionFiles(trx, submission.id, fileIds);
    return submission;
  });
}

/**
 * A submission with its files, the earlier versions and the feedback. The
 * team's pupils see the team's comments and only their own competence
 * levels; the project's teachers see everything and may review.
 */
export async function getSubmission(db: Db, user: User, projectId: string, teamId: string, submissionId: string) {
  const access = await teamAccess(db, user, projectId, teamId);
  const submission = isUuid(submissionId) ? await sq.findSubmissionOfTeam(db, access.team.id, submissionId) : undefined;
  if (!submission) throw notFound("submission");
  const [files, versions, reviews, members] = await Promise.all([
    sq.filesOfSubmission(db, submission.id),
    sq.versionsForMilestone(db, access.team.id, submission.milestone_id),
    sq.reviewsOfSubmission(db, submission.id),
    teamMembers(db, access.team.id, access.viewer),
  ]);
  let assessments = reviews.length ? await sq.assessmentsOfReviews(db, reviews.map((r) => r.id)) : [];
  if (access.viewer.kind === "pupil") {
    const mine = access.viewer.seatId;
    assessments = assessments.filter((a) => a.pupil_id === mine);
  }
  const labels = await seatLabels(db, [submission.submitted_by_pupil_id, ...assessments.map((a) => a.pupil_id)], access.viewer);
  return {
    viewerKind: access.viewer.kind,
    readOnly: access.readOnly,
    project: { id: access.project.id, title: access.project.title, competences: access.project.competences },
    team: { id: access.team.id, name: access.team.name },
    members,
    submission: {
      id: submission.id,
      version: submission.version,
      milestoneTitle: submission.milestone_title,
      document: submission.document,
      documentVersion: submission.document_version,
      message: submission.message,
      submittedAt: submission.submitted_at,
      submittedBy: submission.submitted_by_pupil_id ? (labels.get(submission.submitted_by_pupil_id) ?? null) : null,
    },
    files,
    versions,
    reviews: reviews.map((r) => ({
      id: r.id,
      decision: r.decision,
      comment: r.comment,
      reviewedAt: r.reviewed_at,
      reviewer: [r.first_name, r.last_name].filter(Boolean).join(" "),
      assessments: assessments.filter((a) => a.review_id === r.id).map((a) => ({ pupil: labels.get(a.pupil_id) ?? null, competence: a.competence, level: a.level })),
    })),
  };
}

/** The teacher's feedback: a comment, a decision, and competence levels per pupil of the team. */
export async function reviewSubmission(
  db: Db,
  user: User,
  projectId: string,
  teamId: string,
  submissionId: string,
  input: { decision: ReviewDecision; comment: string; assessment: (string | undefined)[] },
) {
  const access = await projectTeacherAccess(db, user, projectId);
  if (access.readOnly) throw appError(409, "class_archived", "projects:errors.class_archived");
  const submission = isUuid(submissionId) && isUuid(teamId)
    ? await sq.findSubmissionInProject(db, access.project.id, teamId, submissionId)
    : undefined;
  if (!submission) throw notFound("submission");
  const members = new Set(
    (await memberSeats(db, submission.team_id)).map((m) => m.pupil_id),
  );
  const levels = input.assessment
    .filter((v): v is string => !!v)
    .map((v) => {
      const parsed = parseAssessmentValue(v);
      if (!parsed || !members.has(parsed.seatId) || !access.project.competences.includes(parsed.competence)) {
        throw appError(400, "assessment_invalid", "projects:errors.assessment_invalid");
      }
      return parsed;
    });
  await withRetryingTransaction(db, async (trx) => {
    const review = await sq.insertReview(trx, { submissionId: submission.id, decision: input.decision, comment: input.comment, reviewedBy: user.id });
    const unique = new Map(levels.map((l) => [`${l.seatId}|${l.competence}`, l]));
    if (unique.size) await sq.insertAssessments(trx, review.id, [...unique.values()]);
  });
}
