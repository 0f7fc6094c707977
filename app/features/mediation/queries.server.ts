import { sql, type SelectQueryBuilder } from "kysely";
import type { Database } from "../../../db/types";
import type { NewMediationActivity } from "../../../db/schema/mediation";
import type { DbOrTrx } from "../../lib/db.server";

/* Who a mediator may help */

/**
 * Ids of the learners a mediator created or accompanied: their assisted
 * accounts, people in their activity log, people who came to a workshop they led.
 */
export function helpedLearnerIds(db: DbOrTrx, mediatorId: string) {
  return db
    .selectFrom("app_user")
    .select("app_user.id as id")
    .where("app_user.created_by", "=", mediatorId)
    .union(
      db
        .selectFrom("mediation_beneficiary")
        .innerJoin("mediation_activity", "mediation_activity.id", "mediation_beneficiary.activity_id")
        .select(sql<string>`mediation_beneficiary.user_id`.as("id"))
        .where("mediation_activity.mediator_id", "=", mediatorId)
        .where("mediation_beneficiary.user_id", "is not", null),
    )
    .union(
      db
        .selectFrom("attendance")
        .innerJoin("workshop_mediator", "workshop_mediator.workshop_id", "attendance.workshop_id")
        .select("attendance.user_id as id")
        .where("workshop_mediator.user_id", "=", mediatorId),
    );
}

export async function mediatorHelpsLearner(db: DbOrTrx, mediatorId: string, learnerId: string) {
  const row = await db
    .selectFrom(helpedLearnerIds(db, mediatorId).as("helped"))
    .select("helped.id")
    .where("helped.id", "=", learnerId)
    .executeTakeFirst();
  return !!row;
}

export function listLearners(
  db: DbOrTrx,
  { helpedBy, search, limit, offset }: { helpedBy: string | null; search?: string; limit: number; offset: number },
) {
  let query = db
    .selectFrom("app_user")
    .select([
      "app_user.id",
      "app_user.first_name",
      "app_user.last_name",
      "app_user.email",
      "app_user.age_band",
      "app_user.commune",
      "app_user.audience",
      "app_user.created_at",
      "app_user.created_by",
      (eb) =>
        eb
          .exists(
            eb.selectFrom("access_card").select("access_card.id").whereRef("access_card.user_id", "=", "app_user.id").where("access_card.revoked_at", "is", null),
          )
          .as("has_card"),
      (eb) => eb.fn.countAll<string>().over().as("total"),
    ])
    .where("app_user.role", "=", "learner")
    .orderBy("app_user.first_name")
    .orderBy("app_user.last_name")
    .orderBy("app_user.id")
    .limit(limit)
    .offset(offset);
  if (helpedBy) query = query.where("app_user.id", "in", helpedLearnerIds(db, helpedBy));
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb("app_user.first_name", "ilike", pattern), eb("app_user.last_name", "ilike", pattern), eb("app_user.email", "ilike", pattern)]),
    );
  }
  return query.execute();
}

/* Assisted accounts and consent */

export function insertConsent(
  db: DbOrTrx,
  values: { userId: string; recordedBy: string; givenBy: "personne" | "representant_legal"; representativeName: string | null; explained: string[]; notes: string | null },
) {
  return db
    .insertInto("assisted_consent")
    .values({
      user_id: values.userId,
      recorded_by: values.recordedBy,
      given_by: values.givenBy,
      representative_name: values.representativeName,
      explained: values.explained,
      notes: values.notes,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listConsents(db: DbOrTrx, userId: string) {
  return db
    .selectFrom("assisted_consent")
    .leftJoin("app_user as recorder", "recorder.id", "assisted_consent.recorded_by")
    .selectAll("assisted_consent")
    .select(["recorder.first_name as recorder_first_name", "recorder.last_name as recorder_last_name"])
    .where("assisted_consent.user_id", "=", userId)
    .orderBy("assisted_consent.recorded_at", "desc")
    .execute();
}

/* Access cards */

export function findActiveCard(db: DbOrTrx, userId: string) {
  return db.selectFrom("access_card").selectAll().where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirst();
}

export function revokeActiveCards(db: DbOrTrx, userId: string, by: string) {
  return db
    .updateTable("access_card")
    .set({ revoked_at: new Date(), revoked_by: by })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .returning("id")
    .execute();
}

export function findCardByHash(db: DbOrTrx, codeHash: string) {
  return db
    .selectFrom("access_card")
    .innerJoin("app_user", "app_user.id", "access_card.user_id")
    .selectAll("app_user")
    .select(["access_card.id as card_id", "access_card.revoked_at as card_revoked_at"])
    .where("access_card.code_hash", "=", codeHash)
    .executeTakeFirst();
}

export async function touchCard(db: DbOrTrx, cardId: string) {
  await db.updateTable("access_card").set({ last_used_at: new Date() }).where("id", "=", cardId).execute();
}

/* Activity log */

export function insertActivity(db: DbOrTrx, values: NewMediationActivity) {
  return db.insertInto("mediation_activity").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateActivityRow(db: DbOrTrx, id: string, values: Partial<Omit<NewMediationActivity, "id">>) {
  return db
    .updateTable("mediation_activity")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findActivity(db: DbOrTrx, id: string) {
  return db.selectFrom("mediation_activity").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findWorkshopActivity(db: DbOrTrx, workshopId: string, mediatorId: string) {
  return db
    .selectFrom("mediation_activity")
    .selectAll()
    .where("workshop_id", "=", workshopId)
    .where("mediator_id", "=", mediatorId)
    .executeTakeFirst();
}

export interface BeneficiaryValues {
  userId: string | null;
  gender: string | null;
  ageBand: string | null;
  socialStatus: string | null;
  commune: string | null;
  communeInsee: string | null;
}

export async function insertBeneficiary(db: DbOrTrx, activityId: string, b: BeneficiaryValues) {
  await db
    .insertInto("mediation_beneficiary")
    .values({
      activity_id: activityId,
      user_id: b.userId,
      gender: b.gender,
      age_band: b.ageBand,
      social_status: b.socialStatus,
      commune: b.commune,
      commune_insee: b.communeInsee,
    })
    .onConflict((oc) => oc.columns(["activity_id", "user_id"]).where("user_id", "is not", null).doNothing())
    .execute();
}

export async function deleteBeneficiaries(db: DbOrTrx, activityId: string, { userId }: { userId?: string } = {}) {
  let query = db.deleteFrom("mediation_beneficiary").where("activity_id", "=", activityId);
  if (userId) query = query.where("user_id", "=", userId);
  await query.execute();
}

export function listBeneficiaries(db: DbOrTrx, activityIds: string[]) {
  if (activityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("mediation_beneficiary")
    .leftJoin("app_user", "app_user.id", "mediation_beneficiary.user_id")
    .selectAll("mediation_beneficiary")
    .select(["app_user.first_name", "app_user.last_name", "app_user.commune as user_commune", "app_user.age_band as user_age_band", "app_user.created_at as user_created_at"])
    .where("mediation_beneficiary.activity_id", "in", activityIds)
    .orderBy("app_user.first_name")
    .execute();
}

export interface ActivityQueryFilters {
  mediatorId?: string;
  from?: string;
  to?: string;
  type?: string;
  theme?: string;
  spaceId?: string;
}

function filtered<O>(query: SelectQueryBuilder<Database, "mediation_activity", O>, f: ActivityQueryFilters) {
  let q = query;
  if (f.mediatorId) q = q.where("mediation_activity.mediator_id", "=", f.mediatorId);
  if (f.from) q = q.where("mediation_activity.activity_date", ">=", sql<Date>`cast(${f.from} as date)`);
  if (f.to) q = q.where("mediation_activity.activity_date", "<=", sql<Date>`cast(${f.to} as date)`);
  if (f.type) q = q.where("mediation_activity.activity_type", "=", f.type);
  if (f.spaceId) q = q.where("mediation_activity.relay_space_id", "=", f.spaceId);
  if (f.theme) q = q.where((eb) => eb(eb.val(f.theme!), "=", eb.fn.any("mediation_activity.themes")));
  return q;
}

const peopleCount = sql<string>`(select count(*) from mediation_beneficiary mb where mb.activity_id = mediation_activity.id) + mediation_activity.anonymous_participants`;

export function listActivities(db: DbOrTrx, f: ActivityQueryFilters & { limit: number; offset: number }) {
  return filtered(
    db
      .selectFrom("mediation_activity")
      .leftJoin("relay_space", "relay_space.id", "mediation_activity.relay_space_id")
      .leftJoin("app_user as mediator", "mediator.id", "mediation_activity.mediator_id")
      .selectAll("mediation_activity")
      .select([
        "relay_space.name as space_name",
        "mediator.first_name as mediator_first_name",
        "mediator.last_name as mediator_last_name",
        peopleCount.as("people"),
        (eb) => eb.fn.countAll<string>().over().as("total"),
      ]),
    f,
  )
    .orderBy("mediation_activity.activity_date", "desc")
    .orderBy("mediation_activity.created_at", "desc")
    .orderBy("mediation_activity.id")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export function activityTotals(db: DbOrTrx, f: ActivityQueryFilters) {
  return filtered(
    db
      .selectFrom("mediation_activity")
      .select([
        sql<string>`count(*) filter (where activity_type = 'individuel')`.as("individual"),
        sql<string>`count(*) filter (where activity_type = 'collectif')`.as("collective"),
        sql<string>`coalesce(sum(duration_minutes), 0)`.as("minutes"),
        sql<string>`coalesce(sum(${peopleCount}), 0)`.as("people"),
      ]),
    f,
  ).executeTakeFirstOrThrow();
}

/** Every matching entry, for the CSV export (no names: counts and anonymous profiles only). */
export function exportActivities(db: DbOrTrx, f: ActivityQueryFilters) {
  return filtered(
    db
      .selectFrom("mediation_activity")
      .leftJoin("relay_space", "relay_space.id", "mediation_activity.relay_space_id")
      .leftJoin("app_user as mediator", "mediator.id", "mediation_activity.mediator_id")
      .selectAll("mediation_activity")
      .select(["relay_space.name as space_name", "mediator.first_name as mediator_first_name", "mediator.last_name as mediator_last_name", peopleCount.as("people")]),
    f,
  )
    .orderBy("mediation_activity.activity_date")
    .orderBy("mediation_activity.created_at")
    .execute();
}

/** The place a mediator used last: the default of their next entry. */
/** The mediator's last entry written by hand (a workshop's entry is the check-in's, not a model). */
export function lastOwnEntry(db: DbOrTrx, mediatorId: string) {
  return db
    .selectFrom("mediation_activity")
    .selectAll()
    .where("mediator_id", "=", mediatorId)
    .where("workshop_id", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The themes the mediator ticks most, most used first (ties by code, so the order is stable). */
export async function mostUsedThemes(db: DbOrTrx, mediatorId: string, limit: number) {
  const rows = await db
    .selectFrom(
      db
        .selectFrom("mediation_activity")
        .select(sql<string>`unnest(themes)`.as("theme"))
        .where("mediator_id", "=", mediatorId)
        .as("used"),
    )
    .select(["used.theme", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("used.theme")
    .orderBy("n", "desc")
    .orderBy("used.theme")
    .limit(limit)
    .execute();
  return rows.map((r) => r.theme);
}

export async function lastUsedSpace(db: DbOrTrx, mediatorId: string) {
  const row = await db
    .selectFrom("mediation_activity")
    .select("relay_space_id")
    .where("mediator_id", "=", mediatorId)
    .where("relay_space_id", "is not", null)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (row?.relay_space_id) return row.relay_space_id;
  const workshop = await db
    .selectFrom("workshop")
    .innerJoin("workshop_mediator", "workshop_mediator.workshop_id", "workshop.id")
    .select("workshop.relay_space_id")
    .where("workshop_mediator.user_id", "=", mediatorId)
    .where("workshop.relay_space_id", "is not", null)
    .orderBy("workshop.starts_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return workshop?.relay_space_id ?? null;
}

export function listMediatorsWithEntries(db: DbOrTrx) {
  return db
    .selectFrom("app_user")
    .select(["id", "first_name", "last_name"])
    .where("role", "in", ["mediator", "coordinator"])
    .orderBy("first_name")
    .execute();
}

export function insertAssistedUser(
  db: DbOrTrx,
  values: {
    firstName: string;
    lastName: string | null;
    createdBy: string;
    ageBand: string;
    commune: string | null;
    communeInsee: string | null;
    audience: string;
    locale: "fr" | "en";
  },
) {
  return db
    .insertInto("app_user")
    .values({
      email: null,
      password_hash: null,
      first_name: values.firstName,
      last_name: values.lastName,
      role: "learner",
      locale: values.locale,
      created_by: values.createdBy,
      age_band: values.ageBand,
      commune: values.commune,
      commune_insee: values.communeInsee,
      audience: values.audience,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Sets the address and password of an account that had neither; returns nothing if it already had an address. */
export function setEmailAndPassword(db: DbOrTrx, userId: string, email: string, passwordHash: string) {
  return db
    .updateTable("app_user")
    .set({ email, password_hash: passwordHash, updated_at: new Date() })
    .where("id", "=", userId)
    .where("email", "is", null)
    .returning("id")
    .executeTakeFirst();
}
