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
