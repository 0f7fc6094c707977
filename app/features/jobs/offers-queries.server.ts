import type { Insertable, Updateable } from "kysely";
import type { JobOfferStatus, JobOfferTable } from "../../../db/schema/jobs";
import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";
import type { OfferSkill } from "./schemas-offers";

export type OfferValues = Omit<
  Insertable<JobOfferTable>,
  | "id"
  | "partner_id"
  | "status"
  | "created_at"
  | "updated_at"
  | "published_at"
  | "moderated_by"
  | "moderated_at"
  | "moderation_note"
  | "external_ref"
  | "created_by"
>;

const OFFER_COLUMNS = [
  "o.id",
  "o.partner_id",
  "o.title",
  "o.description",
  "o.sector",
  "o.contract",
  "o.duration_months",
  "o.working_time",
  "o.hours_per_week",
  "o.commune",
  "o.business_zone",
  "o.starts_on",
  "o.how_to_apply",
  "o.no_diploma",
  "o.status",
  "o.expires_on",
  "o.moderation_note",
  "o.external_ref",
  "o.created_at",
  "o.updated_at",
  "o.published_at",
  "p.name as partner_name",
  "p.slug as partner_slug",
] as const;

function offers(db: DbOrTrx) {
  return db.selectFrom("job_offer as o").innerJoin("partner_org as p", "p.id", "o.partner_id").select(OFFER_COLUMNS);
}

export type OfferListFilters = {
  sector?: string;
  commune?: string;
  contract?: string;
  noDiploma?: boolean;
  partnerId?: string;
};

/** Published, not expired (expires_on is the last day listed), of a partner not archived: newest first. */
export function listPublished(db: DbOrTrx, today: string, f: OfferListFilters, limit = 200) {
  let query = offers(db).where("o.status", "=", "published").where("o.expires_on", ">=", onOrAfter(today)).where("p.archived_at", "is", null);
  if (f.sector) query = query.where("o.sector", "=", f.sector);
  if (f.commune) query = query.where("o.commune", "=", f.commune);
  if (f.contract) query = query.where("o.contract", "=", f.contract as never);
  if (f.noDiploma) query = query.where("o.no_diploma", "=", true);
  if (f.partnerId) query = query.where("o.partner_id", "=", f.partnerId);
  return query.orderBy("o.published_at", "desc").orderBy("o.id").limit(limit).execute();
}

/** The communes that have a live offer: the list's commune filter offers only those. */
export function listedCommunes(db: DbOrTrx, today: string) {
  return db
    .selectFrom("job_offer as o")
    .innerJoin("partner_org as p", "p.id", "o.partner_id")
    .select("o.commune")
    .distinct()
    .where("o.status", "=", "published")
    .where("o.expires_on", ">=", onOrAfter(today))
    .where("p.archived_at", "is", null)
    .orderBy("o.commune")
    .execute()
    .then((rows) => rows.map((r) => r.commune));
}

export function findOffer(db: DbOrTrx, id: string) {
  return offers(db).select("p.archived_at as partner_archived_at").where("o.id", "=", id).executeTakeFirst();
}

export function listOfPartners(db: DbOrTrx, partnerIds: readonly string[]) {
  if (partnerIds.length === 0) return Promise.resolve([]);
  return offers(db)
    .where("o.partner_id", "in", [...partnerIds])
    .orderBy("o.updated_at", "desc")
    .execute();
}

export function listPending(db: DbOrTrx) {
  return offers(db).where("o.status", "=", "pending").orderBy("o.updated_at").execute();
}

export function skillsOf(db: DbOrTrx, offerIds: readonly string[]) {
  if (offerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("job_offer_skill")
    .select(["offer_id", "competence", "level"])
    .where("offer_id", "in", [...offerIds])
    .orderBy("competence")
    .execute();
}

export function lockOffer(db: DbOrTrx, id: string) {
  return db.selectFrom("job_offer").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export function lockOfferByRef(db: DbOrTrx, partnerId: string, ref: string) {
  return db.selectFrom("job_offer").selectAll().where("partner_id", "=", partnerId).where("external_ref", "=", ref).forUpdate().executeTakeFirst();
}

/**
 * The same offer sent twice in a short while by the same person (a double
 * click, a reload that re-posts): found so that the second send changes nothing.
 */
export function findRecentTwin(db: DbOrTrx, partnerId: string, userId: string, title: string, description: string, since: Date) {
  return db
    .selectFrom("job_offer")
    .select("id")
    .where("partner_id", "=", partnerId)
    .where("created_by", "=", userId)
    .where("title", "=", title)
    .where("description", "=", description)
    .where("external_ref", "is", null)
    .where("created_at", ">=", since)
    .executeTakeFirst();
}

/** A new offer, pending moderation; null when an import raced us to the same reference. */
export function insertOffer(
  db: DbOrTrx,
  values: OfferValues & {
    partner_id: string;
    created_by: string | null;
    external_ref?: string | null;
  },
) {
  return db
    .insertInto("job_offer")
    .values({ ...values, status: "pending" })
    .onConflict((oc) => oc.columns(["partner_id", "external_ref"]).doNothing())
    .returning("id")
    .executeTakeFirst();
}

export function updateOffer(db: DbOrTrx, id: string, values: Updateable<JobOfferTable>) {
  return db
    .updateTable("job_offer")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
}

export async function replaceSkills(db: DbOrTrx, offerId: string, skills: readonly OfferSkill[]) {
  await db.deleteFrom("job_offer_skill").where("offer_id", "=", offerId).execute();
  if (skills.length) {
    await db
      .insertInto("job_offer_skill")
      .values(
        skills.map((s) => ({
          offer_id: offerId,
          competence: s.competence,
          level: s.level,
        })),
      )
      .execute();
  }
}

export function setStatus(
  db: DbOrTrx,
  id: string,
  from: readonly JobOfferStatus[],
  values: {
    status: JobOfferStatus;
    moderated_by?: string;
    moderated_at?: Date;
    moderation_note?: string | null;
    published_at?: Date;
  },
) {
  return db
    .updateTable("job_offer")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .where("status", "in", [...from])
    .returning(["id", "status"])
    .executeTakeFirst();
}

/** A "YYYY-MM-DD" day as a SQL date (the column is a date: compared day to day, no time zone in between). */
function onOrAfter(day: string) {
  return sql<Date>`${day}::date`;
}
