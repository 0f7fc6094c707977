import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";

export type PartnerRow = {
  slug: string;
  name: string;
  kind: "employer" | "employment_operator" | "training_operator" | "association";
  sector: string;
  commune: string;
  business_zone: string | null;
  description: string;
  website: string | null;
  contact_email: string | null;
  contact_phone: string | null;
};

export function insertPartner(db: DbOrTrx, values: PartnerRow & { created_by: string | null }) {
  return db.insertInto("partner_org").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePartner(db: DbOrTrx, id: string, values: Omit<PartnerRow, "slug">) {
  return db.updateTable("partner_org").set(values).where("id", "=", id).returningAll().executeTakeFirst();
}

export function setPartnerArchived(db: DbOrTrx, id: string, at: Date | null) {
  return db.updateTable("partner_org").set({ archived_at: at }).where("id", "=", id).returning("id").executeTakeFirst();
}

export function findPartnerById(db: DbOrTrx, id: string) {
  return db.selectFrom("partner_org").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findPartnerBySlug(db: DbOrTrx, slug: string) {
  return db.selectFrom("partner_org").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function slugsLike(db: DbOrTrx, base: string) {
  return db
    .selectFrom("partner_org")
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
    .execute()
    .then((rows) => new Set(rows.map((r) => r.slug)));
}

/** Every partner for the coordinators (archived ones last), with their staff and pending offers counted. */
export function listPartnersForAdmin(db: DbOrTrx) {
  return db
    .selectFrom("partner_org as p")
    .select((eb) => [
      "p.id",
      "p.slug",
      "p.name",
      "p.kind",
      "p.sector",
      "p.commune",
      "p.archived_at",
      eb
        .selectFrom("partner_staff as s")
        .whereRef("s.partner_id", "=", "p.id")
        .select((e) => e.fn.countAll<string>().as("n"))
        .as("staff"),
      eb
        .selectFrom("job_offer as o")
        .whereRef("o.partner_id", "=", "p.id")
        .where("o.status", "=", "pending")
        .select((e) => e.fn.countAll<string>().as("n"))
        .as("pending"),
    ])
    .orderBy((eb) => eb.case().when("p.archived_at", "is", null).then(0).else(1).end())
    .orderBy("p.name")
    .execute();
}

/** The public directory: partners not archived, with their live offers counted. */
export function listActivePartners(db: DbOrTrx, today: string) {
  return db
    .selectFrom("partner_org as p")
    .where("p.archived_at", "is", null)
    .select((eb) => [
      "p.id",
      "p.slug",
      "p.name",
      "p.kind",
      "p.sector",
      "p.commune",
      "p.business_zone",
      "p.description",
      eb
        .selectFrom("job_offer as o")
        .whereRef("o.partner_id", "=", "p.id")
        .where("o.status", "=", "published")
        .where("o.expires_on", ">=", onOrAfter(today))
        .select((e) => e.fn.countAll<string>().as("n"))
        .as("offers"),
    ])
    .orderBy("p.name")
    .execute();
}

export function listPartnerChoices(db: DbOrTrx) {
  return db.selectFrom("partner_org").select(["id", "name"]).where("archived_at", "is", null).orderBy("name").execute();
}

export function staffOfPartner(db: DbOrTrx, partnerId: string) {
  return db
    .selectFrom("partner_staff as s")
    .innerJoin("app_user as u", "u.id", "s.user_id")
    .select(["u.id", "u.first_name", "u.last_name", "u.email", "s.added_at"])
    .where("s.partner_id", "=", partnerId)
    .orderBy("u.first_name")
    .execute();
}

/** The organisations a person acts for (not archived). */
export function partnersOfUser(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("partner_staff as s")
    .innerJoin("partner_org as p", "p.id", "s.partner_id")
    .select(["p.id", "p.name", "p.slug"])
    .where("s.user_id", "=", userId)
    .where("p.archived_at", "is", null)
    .orderBy("p.name")
    .execute();
}

export function insertPartnerStaff(db: DbOrTrx, partnerId: string, userId: string) {
  return db
    .insertInto("partner_staff")
    .values({ partner_id: partnerId, user_id: userId })
    .onConflict((oc) => oc.columns(["partner_id", "user_id"]).doNothing())
    .execute();
}

/** Locks the organisation's row: offers created for it are serialised (two identical submits → one offer). */
export function lockPartner(db: DbOrTrx, id: string) {
  return db.selectFrom("partner_org").select(["id", "archived_at"]).where("id", "=", id).forUpdate().executeTakeFirst();
}

/** A "YYYY-MM-DD" day as a SQL date (the column is a date: compared day to day, no time zone in between). */
function onOrAfter(day: string) {
  return sql<Date>`${day}::date`;
}
