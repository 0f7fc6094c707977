import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

/** The paths a person follows now, with the date they chose each. */
export function listOpenChoices(db: DbOrTrx, userId: string) {
  return db.selectFrom("path_choice").select(["path_id", "chosen_at"]).where("user_id", "=", userId).where("left_at", "is", null).execute();
}

/** Opens a choice; a second click (or another tab) finds it open and changes nothing. */
export async function openChoice(db: DbOrTrx, userId: string, pathId: string) {
  await sql`insert into path_choice (user_id, path_id) values (${userId}, ${pathId})
    on conflict (user_id, path_id) where left_at is null do nothing`.execute(db);
}

/** Closes the open choice, if any; the row stays for the evaluation. */
export async function closeChoice(db: DbOrTrx, userId: string, pathId: string) {
  await db
    .updateTable("path_choice")
    .set({ left_at: sql<Date>`greatest(now(), chosen_at)` })
    .where("user_id", "=", userId)
    .where("path_id", "=", pathId)
    .where("left_at", "is", null)
    .execute();
}

/** Every choice of a person, for "download my data". */
export function listChoicesOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("path_choice")
    .innerJoin("learning_path", "learning_path.id", "path_choice.path_id")
    .select(["learning_path.slug", "learning_path.title", "path_choice.chosen_at", "path_choice.left_at"])
    .where("path_choice.user_id", "=", userId)
    .orderBy("path_choice.chosen_at")
    .execute();
}
