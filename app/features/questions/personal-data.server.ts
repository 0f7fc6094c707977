import type { PersonalDataSource } from "../../lib/personal-data.server";
import * as q from "./queries.server";

/** A person's questions go with the account (ON DELETE CASCADE); answers they gave stay, unsigned (SET NULL). */
export const questionsPersonalData: PersonalDataSource = {
  name: "questions",
  async collect(db, userId) {
    return { questions: await q.questionsForExport(db, userId) };
  },
};
