import type { PersonalDataSource } from "../../lib/personal-data.server";
import * as q from "./queries.server";

/**
 * A learner's records of interactive activities: the xAPI statements relayed
 * for them (as stored, actor included) and their saved H5P states. On
 * deletion the statements are deleted from the LRS too — they name the person
 * (account = their id) — and the states and links go with the account.
 */
export const h5pPersonalData: PersonalDataSource = {
  name: "learning_records",
  async collect(db, userId) {
    const statements = await q.listRelayedStatementsOf(db, userId);
    const states = await q.listSavedStatesOf(db, userId);
    return { statements, states };
  },
  async erase(trx, userId) {
    await q.deleteStatementsOf(trx, userId);
  },
};
