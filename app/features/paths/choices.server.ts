import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import * as q from "./choice-queries.server";
import { loadPublishedPath } from "./definitions.server";

/**
 * A learner's choice of a path, as data: the record lists the paths they
 * follow, and the reports count choices per path and audience. Anyone
 * signed in chooses for themselves only (the user comes from the session).
 */
async function requirePath(db: Db, slug: string) {
  const path = await loadPublishedPath(db, slug);
  if (!path) throw appError(404, "path_not_found", "paths:errors.not_found");
  return path;
}

export async function choosePath(db: Db, user: User, slug: string) {
  const path = await requirePath(db, slug);
  await q.openChoice(db, user.id, path.id);
}

export async function leavePath(db: Db, user: User, slug: string) {
  const path = await requirePath(db, slug);
  await q.closeChoice(db, user.id, path.id);
}

/** Path id → the date the person chose it, for the paths they follow now. */
export async function followedPaths(db: Db, userId: string): Promise<Map<string, Date>> {
  const rows = await q.listOpenChoices(db, userId);
  return new Map(rows.map((r) => [r.path_id, new Date(r.chosen_at)]));
}
