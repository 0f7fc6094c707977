import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

/** Spaces in the public directory (archived ones leave it), with every column the national schema needs. */
export function listPublishedSpaces(db: DbOrTrx) {
  return db
    .selectFrom("relay_space")
    .select([
      "id",
      "pivot",
      "name",
      "commune",
      "postal_code",
      "insee_code",
      "address",
      "address_complement",
      "latitude",
      "longitude",
      "typology",
      "phone",
      "emails",
      "websites",
      "opening_hours",
      "summary",
      "description",
      "itinerance",
      "parent_structure",
      "services",
      "audiences",
      "specific_support",
      "fees",
      "national_programmes",
      "trainings_labels",
      "other_trainings_labels",
      "access_modalities",
      "accompaniment_modalities",
      "accessibility_url",
      "booking_url",
      "updated_at",
    ])
    .where("archived_at", "is", null)
    .orderBy("commune")
    .orderBy("name")
    .orderBy("id")
    .execute();
}

/** Latest change to any space, archived ones included (an archival changes the published list). */
export async function spacesLastChange(db: DbOrTrx): Promise<Date | null> {
  const row = await db
    .selectFrom("relay_space")
    .select(sql<Date | null>`max(updated_at)`.as("last"))
    .executeTakeFirst();
  return row?.last ? new Date(row.last) : null;
}

/** The stored bytes of one anonymised file, by name. */
export function findFile(db: DbOrTrx, name: string) {
  return db.selectFrom("opendata_file").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function findFileTag(db: DbOrTrx, name: string) {
  return (await db.selectFrom("opendata_file").select("etag").where("name", "=", name).executeTakeFirst())?.etag ?? null;
}

export async function saveFile(db: DbOrTrx, file: { name: string; content_type: string; body: string; etag: string; modified_at: Date }) {
  const { body, etag, modified_at, content_type } = file;
  await db
    .insertInto("opendata_file")
    .values(file)
    .onConflict((oc) => oc.column("name").doUpdateSet({ body, etag, modified_at, content_type }))
    .execute();
}
