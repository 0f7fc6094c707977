import type { Db, DbOrTrx } from "./db.server";

/**
 * Each domain that keeps personal data says how to export it and how to
 * erase it (GDPR articles 15, 17 and 20). Registered in app/personal-data.server.ts.
 * `erase` runs inside the account-deletion transaction, before the user row
 * is deleted: delete what is personal, anonymise what the yearly evaluation
 * must keep (counts, not people).
 */
export interface PersonalDataSource {
  name: string;
  collect(db: Db, userId: string): Promise<unknown>;
  erase?(trx: DbOrTrx, userId: string): Promise<void>;
}

const sources: PersonalDataSource[] = [];

export function registerPersonalData(source: PersonalDataSource) {
  if (!sources.some((s) => s.name === source.name)) sources.push(source);
}

export function personalDataSources(): readonly PersonalDataSource[] {
  return sources;
}
