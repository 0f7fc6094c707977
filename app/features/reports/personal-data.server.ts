import type { PersonalDataSource } from "../../lib/personal-data.server";
import { forgetPersonInStats } from "./queries.server";

/**
 * The aggregates keep pseudonymous person ids (to count people once over a
 * period). There is nothing to export — they are derived from the other
 * domains' data, exported there. On deletion the person's id is replaced by
 * a fresh random one in one go: counts stay right, the link to the account
 * is gone at once (the next rebuild recomputes everything from the sources).
 */
export const reportsPersonalData: PersonalDataSource = {
  name: "reports",
  async collect() {
    return undefined;
  },
  async erase(trx, userId) {
    await forgetPersonInStats(trx, userId, crypto.randomUUID());
  },
};
