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
