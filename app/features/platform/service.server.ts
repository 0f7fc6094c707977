import { sql } from "kysely";
import type { Db } from "../../lib/db.server";

export async function databaseIsUp(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
