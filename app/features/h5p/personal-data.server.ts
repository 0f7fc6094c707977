import { sql } from "kysely";
import type { PersonalDataSource } from "../../lib/personal-data.server";

/**
 * A learner's records of interactive activities: the xAPI statements relayed
 * for them (as stored, actor included) and their saved H5P states. On
 * deletion the statements are deleted from the LRS too — they name the person
 * (account = their id) — and the states and links go with the account.
 */
export const h5pPersonalData: PersonalDataSource = {
  name: "learning_records",
  async collect(db, userId) {
    const statements = await db
      .selectFrom("h5p_statement_link as l")
      .innerJoin("xapi_statement as s", "s.id", "l.statement_id")
      .select(["s.statement", "s.voided", "l.content_id", "l.lesson_id"])
      .where("l.user_id", "=", userId)
      .orderBy("s.stored")
      .execute();
    const states = await db
      .selectFrom("h5p_user_state")
      .select(["content_id", "data_type", "sub_content_id", "state", "updated_at"])
      .where("user_id", "=", userId)
      .execute();
    return { statements, states };
  },
  async erase(trx, userId) {
    await trx
      .deleteFrom("xapi_statement")
      .where((eb) =>
        eb.or([
          eb("id", "in", eb.selectFrom("h5p_statement_link").select("statement_id").where("user_id", "=", userId)),
          // Statements an external tool stored under the same account (homePage = this site, name = the id).
          eb("actor_key", "like", sql<string>`${"account:%"} || ${` ${userId}`}`),
        ]),
      )
      .execute();
  },
};
