import type { User } from "../../../db/schema/accounts";
import type { ReviewDecision } from "../../../db/schema/projects";
import { type Db, withRetryingTransaction } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { notFound, projectTeacherAccess, teamAccess, teamMemberAccess } from "./access.server";
import * as q from "./queries.server";
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
    ? await db.selectFrom("project_milestone").select("id").where("id", "=", input.milestoneId).where("project_id", "=", access.project.id).executeTakeFirst()
    : undefined;
  if (!milestone) throw notFound("milestone");
  const fileIds = [...new Set(input.attachmentIds)];
  return withRetryingTransaction(db, async (trx) => {
    // Lock the team's document: the snapshot and the version number are taken together.
    const doc = await trx.selectFrom("team_document").select(["content", "version"]).where("team_id", "=", access.team.id).forUpdate().executeTakeFirstOrThrow();
    const previous = await trx
      .selectFrom("project_submission")
      .select((eb) => [
        "project_submission.version",
        eb
          .selectFrom("submission_review")
          .select("decision")
          .whereRef("submission_review.submission_id", "=", "project_submission.id")
          .orderBy("reviewed_at", "desc")
          .limit(1)
          .as("decision"),
      ])
      .where("team_id", "=", access.team.id)
      .where("milestone_id", "=", milestone.id)
      .orderBy("version", "desc")
      .execute();
    if (previous.some((p) => p.decision === "accepted")) throw appError(409, "milestone_accepted", "projects:errors.milestone_accepted");
    if (fileIds.length) {
      const owned = await trx
        .selectFrom("team_attachment")
        .select("id")
        .where("team_id", "=", access.team.id)
        .where("id", "in", fileIds)
        .where("deleted_at", "is", null)
        .execute();
      if (owned.length !== fileIds.length) throw notFound("file");
    }
    const submission = await trx
      .insertInto("project_submission")
      .values({
        team_id: access.team.id,
        milestone_id: milestone.id,
        version: (previous[0]?.version ?? 0) + 1,
        document: q.jsonb(doc.content),
        document_version: doc.version,
        message: input.message,
        submitted_by_pupil_id: access.viewer.seatId,
      })
      .returning(["id", "version"])
      .executeTakeFirstOrThrow();
    if (fileIds.length) {
      await trx
        .insertInto("submission_attachment")
        .values(fileIds.map((attachment_id) => ({ submission_id: submission.id, attachment_id })))
        .execute();
    }
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
  const submission = isUuid(submissionId)
    ? await db
        .selectFrom("project_submission")
        .innerJoin("project_milestone", "project_milestone.id", "project_submission.milestone_id")
        .selectAll("project_submission")
        .select(["project_milestone.title as milestone_title"])
        .where("project_submission.id", "=", submissionId)
        .where("project_submission.team_id", "=", access.team.id)
        .executeTakeFirst()
    : undefined;
  if (!submission) throw notFound("submission");
  const [files, versions, reviews, members] = await Promise.all([
    db
      .selectFrom("submission_attachment")
      .innerJoin("team_attachment", "team_attachment.id", "submission_attachment.attachment_id")
      .select(["team_attachment.id", "team_attachment.file_name", "team_attachment.size_bytes", "team_attachment.content_type"])
      .where("submission_attachment.submission_id", "=", submission.id)
      .orderBy("team_attachment.file_name")
      .execute(),
    db
      .selectFrom("project_submission")
      .select(["id", "version", "submitted_at"])
      .where("team_id", "=", access.team.id)
      .where("milestone_id", "=", submission.milestone_id)
      .orderBy("version", "desc")
      .execute(),
    db
      .selectFrom("submission_review")
      .leftJoin("app_user", "app_user.id", "submission_review.reviewed_by")
      .select(["submission_review.id", "submission_review.decision", "submission_review.comment", "submission_review.reviewed_at", "app_user.first_name", "app_user.last_name"])
      .where("submission_review.submission_id", "=", submission.id)
      .orderBy("submission_review.reviewed_at", "desc")
      .execute(),
    teamMembers(db, access.team.id, access.viewer),
  ]);
  let assessments = reviews.length
    ? await db
        .selectFrom("pupil_assessment")
        .select(["review_id", "pupil_id", "competence", "level"])
        .where(
          "review_id",
          "in",
          reviews.map((r) => r.id),
        )
        .orderBy("competence")
        .execute()
    : [];
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
    ? await db
        .selectFrom("project_submission")
        .innerJoin("project_team", "project_team.id", "project_submission.team_id")
        .select(["project_submission.id", "project_submission.team_id"])
        .where("project_submission.id", "=", submissionId)
        .where("project_submission.team_id", "=", teamId)
        .where("project_team.project_id", "=", access.project.id)
        .executeTakeFirst()
    : undefined;
  if (!submission) throw notFound("submission");
  const members = new Set(
    (await db.selectFrom("project_team_member").select("pupil_id").where("team_id", "=", submission.team_id).execute()).map((m) => m.pupil_id),
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
  await db.transaction().execute(async (trx) => {
    const review = await trx
      .insertInto("submission_review")
      .values({ submission_id: submission.id, decision: input.decision, comment: input.comment, reviewed_by: user.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    const unique = new Map(levels.map((l) => [`${l.seatId}|${l.competence}`, l]));
    if (unique.size) {
      await trx
        .insertInto("pupil_assessment")
        .values([...unique.values()].map((l) => ({ review_id: review.id, pupil_id: l.seatId, competence: l.competence, level: l.level })))
        .execute();
    }
  });
}
