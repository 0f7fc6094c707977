import type { DbOrTrx } from "../../lib/db.server";
import type { DiagnosticScore } from "./scoring";

export function insertResult(
  db: DbOrTrx,
  values: {
    userId: string | null;
    tokenHash: string | null;
    runBy: string | null;
    version: number;
    answers: Record<string, string>;
    score: DiagnosticScore;
  },
) {
  return db
    .insertInto("diagnostic_result")
    .values({
      user_id: values.userId,
      token_hash: values.tokenHash,
      run_by: values.runBy,
      version: values.version,
      goal: values.score.goal,
      answers: values.answers,
      competence_scores: values.score.competenceScores,
      domain_levels: values.score.domainLevels,
      recommended_path_slug: values.score.recommendedPathSlug,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findResult(db: DbOrTrx, id: string) {
  return db
    .selectFrom("diagnostic_result")
    .leftJoin("app_user as learner", "learner.id", "diagnostic_result.user_id")
    .leftJoin("app_user as mediator", "mediator.id", "diagnostic_result.run_by")
    .selectAll("diagnostic_result")
    .select(["learner.first_name as learner_first_name", "mediator.first_name as mediator_first_name"])
    .where("diagnostic_result.id", "=", id)
    .executeTakeFirst();
}

export function findLatestResultOfUser(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("diagnostic_result")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

export function findAnonymousResult(db: DbOrTrx, tokenHash: string) {
  return db.selectFrom("diagnostic_result").selectAll().where("token_hash", "=", tokenHash).where("user_id", "is", null).executeTakeFirst();
}

/** Attaches the anonymous result to the account; the token is spent. */
export async function claimResult(db: DbOrTrx, tokenHash: string, userId: string, at: Date) {
  const row = await db
    .updateTable("diagnostic_result")
    .set({ user_id: userId, token_hash: null, claimed_at: at })
    .where("token_hash", "=", tokenHash)
    .where("user_id", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function deleteAnonymousResultsBefore(db: DbOrTrx, before: Date) {
  const result = await db.deleteFrom("diagnostic_result").where("user_id", "is", null).where("created_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Learners a mediator may run the diagnostic for: the accounts they created (the classrooms domain's query). */
export { listLearnersCreatedBy } from "../classrooms/queries.server";

export function findUserBrief(db: DbOrTrx, id: string) {
  return db.selectFrom("app_user").select(["id", "role", "created_by", "disabled_at"]).where("id", "=", id).executeTakeFirst();
}
