import type { PersonalDataSource } from "../../lib/personal-data.server";
import { accountPersonalData } from "./queries.server";

/** The account and its sessions; the account row itself is deleted last by the erasure. */
export const accountsPersonalData: PersonalDataSource = {
  name: "account",
  collect: (db, userId) => accountPersonalData(db, userId),
};
