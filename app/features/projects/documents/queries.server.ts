import { sql } from "kysely";
import type { StoredDoc } from "../../../../db/schema/projects";
import type { DbOrTrx } from "../../../lib/db.server";
import { jsonb } from "../queries.server";

export function currentDocument(db: DbOrTrx, teamId: string) {
  return db.selectFrom("team_document").selectAll().where("team_id", "=", teamId).executeTakeFirstOrThrow();
}

/**
 * Writes the new content only if nobody saved since `expectedVersion` (one
 * statement: of two saves of the same version exactly one wins). Undefined
 * when the version had moved on.
 */
export function saveIfVersion(db: DbOrTrx, teamId: string, content: StoredDoc, expectedVersion: number, seatId: string) {
  return db
    .updateTable("team_document")
    .set({ content: jsonb(content), version: sql`version + 1`, updated_at: new Date(), updated_by_pupil_id: seatId })
    .where("team_id", "=", teamId)
    .where("version", "=", expectedVersion)
    .returning("version")
    .executeTakeFirst();
}

/** Keeps one attempt at saving: a saved version, or the text of a save that lost the race. */
export function insertRevision(
  db: DbOrTrx,
  revision: { teamId: string; kind: "saved" | "conflict"; version: number | null; baseVersion: number; content: StoredDoc; seatId: string },
) {
  return db
    .insertInto("team_document_revision")
    .values({
      team_id: revision.teamId,
      kind: revision.kind,
      version: revision.version,
      base_version: revision.baseVersion,
      content: jsonb(revision.content),
      saved_by_pupil_id: revision.seatId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export function findRevision(db: DbOrTrx, teamId: string, revisionId: string) {
  return db.selectFrom("team_document_revision").selectAll().where("id", "=", revisionId).where("team_id", "=", teamId).executeTakeFirst();
}

/** Who saved the versions after `baseVersion`. */
export function saversSince(db: DbOrTrx, teamId: string, baseVersion: number) {
  return db
    .selectFrom("team_document_revision")
    .select(["saved_by_pupil_id"])
    .where("team_id", "=", teamId)
    .where("kind", "=", "saved")
    .where("version", ">", baseVersion)
    .execute();
}

/** The document's history, newest first (capped: a page, not an archive). */
export function revisionsOfTeam(db: DbOrTrx, teamId: string) {
  return db
    .selectFrom("team_document_revision")
    .select(["id", "kind", "version", "base_version", "saved_at", "saved_by_pupil_id"])
    .where("team_id", "=", teamId)
    .orderBy("saved_at", "desc")
    .orderBy("version", (ob) => ob.desc().nullsLast())
    .limit(500)
    .execute();
}
