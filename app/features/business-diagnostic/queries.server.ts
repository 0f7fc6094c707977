import type { DbOrTrx } from "../../lib/db.server";

export function insertBusinessDiagnostic(
  db: DbOrTrx,
  values: {
    tokenHash: string;
    userId: string | null;
    businessName: string | null;
    sector: string;
    commune: string | null;
    version: number;
    answers: Record<string, string>;
    axisScores: Record<string, number | null>;
    overall: number;
  },
) {
  return db
    .insertInto("business_diagnostic")
    .values({
      token_hash: values.tokenHash,
      user_id: values.userId,
      business_name: values.businessName,
      sector: values.sector,
      commune: values.commune,
      version: values.version,
      answers: values.answers,
      axis_scores: values.axisScores,
      overall_score: values.overall,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export function findByTokenHash(db: DbOrTrx, tokenHash: string) {
  return db.selectFrom("business_diagnostic").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

export function findById(db: DbOrTrx, id: string) {
  return db.selectFrom("business_diagnostic").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The anonymous pre-diagnostic behind this token becomes the person's (its secret link keeps working). */
export async function claimByTokenHash(db: DbOrTrx, tokenHash: string, userId: string) {
  const row = await db
    .updateTable("business_diagnostic")
    .set({ user_id: userId })
    .where("token_hash", "=", tokenHash)
    .where("user_id", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export function latestOfUser(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("business_diagnostic")
    .select(["id", "created_at", "overall_score", "business_name"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}
