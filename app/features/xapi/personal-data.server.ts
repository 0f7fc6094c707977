import type { PersonalDataSource } from "../../lib/personal-data.server";
import * as q from "./documents-queries.server";

/**
 * The LRS documents (State, Agent Profile) that tools stored for a learner
 * under their Passerelle account (homePage = a site, name = the user id, as
 * the H5P relay names them). Exported with the account; deleted with it.
 */
export const xapiDocumentsPersonalData: PersonalDataSource = {
  name: "learning_documents",
  async collect(db, userId) {
    const rows = await q.documentsOfAccount(db, userId);
    return rows.map(({ content, ...row }) => {
      const bytes = Buffer.from(content);
      const text = /^(text\/|application\/(.+\+)?json)/i.test(row.content_type);
      return { ...row, content: text ? bytes.toString("utf8") : bytes.toString("base64"), encoding: text ? "utf-8" : "base64" };
    });
  },
  async erase(trx, userId) {
    await q.deleteDocumentsOfAccount(trx, userId);
  },
};
