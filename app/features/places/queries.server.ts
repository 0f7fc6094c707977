import type { NewRelaySpace, RelaySpace } from "../../../db/schema/places";
import type { DbOrTrx } from "../../lib/db.server";

export function listActiveSpaces(db: DbOrTrx, { commune, service }: { commune?: string; service?: string } = {}) {
  let query = db.selectFrom("relay_space").selectAll().where("archived_at", "is", null).orderBy("commune").orderBy("name");
  if (commune) query = query.where("commune", "=", commune);
  if (service) query = query.where((eb) => eb(eb.val(service), "=", eb.fn.any("services")));
  return query.execute();
}

export function listAllSpaces(db: DbOrTrx) {
  return db.selectFrom("relay_space").selectAll().orderBy("archived_at", "desc").orderBy("commune").orderBy("name").execute();
}

export async function listCommunes(db: DbOrTrx): Promise<string[]> {
  const rows = await db
    .selectFrom("relay_space")
    .select("commune")
    .distinct()
    .where("archived_at", "is", null)
    .orderBy("commune")
    .execute();
  return rows.map((r) => r.commune);
}

export function findSpaceBySlug(db: DbOrTrx, slug: string): Promise<RelaySpace | undefined> {
  return db.selectFrom("relay_space").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function findSpaceById(db: DbOrTrx, id: string): Promise<RelaySpace | undefined> {
  return db.selectFrom("relay_space").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function slugTaken(db: DbOrTrx, slug: string, exceptId?: string) {
  let query = db.selectFrom("relay_space").select("id").where("slug", "=", slug);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return !!(await query.executeTakeFirst());
}

export function insertSpace(db: DbOrTrx, values: NewRelaySpace) {
  return db.insertInto("relay_space").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateSpace(db: DbOrTrx, id: string, values: Omit<Partial<NewRelaySpace>, "id">) {
  return db
    .updateTable("relay_space")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

export function setArchived(db: DbOrTrx, id: string, archivedAt: Date | null) {
  return db
    .updateTable("relay_space")
    .set({ archived_at: archivedAt, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

/** Spaces for a select (workshop and activity forms): id and name. */
export function listSpaceChoices(db: DbOrTrx) {
  return db
    .selectFrom("relay_space")
    .select(["id", "name", "commune", "insee_code", "opening_hours"])
    .where("archived_at", "is", null)
    .orderBy("commune")
    .orderBy("name")
    .execute();
}
