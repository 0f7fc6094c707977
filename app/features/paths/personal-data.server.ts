import type { PersonalDataSource } from "../../lib/personal-data.server";
import { listChoicesOf } from "./choice-queries.server";
import * as q from "./queries.server";

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
    const diagnostics = await q.listDiagnosticsOf(db, userId);
    const businessDiagnostics = await q.listBusinessDiagnosticsOf(db, userId);
    const badges = await q.listBadgesOf(db, userId);
    const pathChoices = await listChoicesOf(db, userId);
    return { diagnostics, businessDiagnostics, badges, pathChoices };
  },
  async erase(trx, userId) {
    await q.deleteBusinessDiagnosticsOf(trx, userId);
  },
};
