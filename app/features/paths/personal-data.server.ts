import type { PersonalDataSource } from "../../lib/personal-data.server";
import { listChoicesOf } from "./choice-queries.server";

/**
 * A person's diagnostics, business pre-diagnostics, badges and path choices
 * (which go with the account, ON DELETE CASCADE) for "download
 * my data". On deletion, diagnostics and badges go with the account (ON
 * DELETE CASCADE: their verify pages then answer 404); business
 * pre-diagnostics the person made while signed in are deleted too (they may
 * name a sole trader's business); diagnostics a mediator ran keep the result
 * for the learner, without the mediator (SET NULL).
 */
export const pathsPersonalData: PersonalDataSource = {
  name: "paths",
  async collect(db, userId) {
    const diagnostics = await db
      .selectFrom("diagnostic_result")
      .select(["created_at", "goal", "answers", "competence_scores", "domain_levels", "recommended_path_slug", "claimed_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute();
    const businessDiagnostics = await db
      .selectFrom("business_diagnostic")
      .select(["created_at", "business_name", "sector", "commune", "answers", "axis_scores", "overall_score"])
      .where("user_id", "=", userId)
      .orderBy("created_at")
      .execute();
    const badges = await db
      .selectFrom("badge")
      .innerJoin("achievement", "achievement.id", "badge.achievement_id")
      .select(["badge.id", "achievement.name", "badge.issued_at", "badge.show_name", "badge.revoked_at", "badge.credential", "badge.credential_jwt"])
      .where("badge.user_id", "=", userId)
      .orderBy("badge.issued_at")
      .execute();
    const pathChoices = await listChoicesOf(db, userId);
    return { diagnostics, businessDiagnostics, badges, pathChoices };
  },
  async erase(trx, userId) {
    await trx.deleteFrom("business_diagnostic").where("user_id", "=", userId).execute();
  },
};
