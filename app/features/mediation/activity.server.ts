import { DateTime } from "luxon";
import type { User } from "../../../db/schema/accounts";
import type { Workshop } from "../../../db/schema/workshops";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError, FieldError, forbidden } from "../../lib/errors";
import { TIME_ZONE, type Locale } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { findUserById } from "../accounts/service.server";
import { findSpaceById, listSpaceChoices } from "../places/spaces.server";
import { SPREADSHEET_CSV, toCsv } from "../../lib/csv";
import { canHelpLearner, learnerChoices } from "./learners.server";
import { personChoice } from "./person-label";
import * as q from "./queries.server";
import type { ActivityFilters, ActivityInput } from "./schemas";

export const todayInParis = (now = new Date()) => DateTime.fromJSDate(now).setZone(TIME_ZONE).toISODate()!;

/** How many of the mediator's own themes come first on the form. */
export const USUAL_THEMES = 6;

/**
 * Everything the log form needs, with the defaults that make it a 30-second
 * job: today, the mediator's usual place, the duration she last used, her
 * most used themes first. `likeLast` starts from her previous entry (« comme
 * la dernière fois »): everything but the date, the person and the notes.
 */
export async function activityFormData(db: Db, actor: User, { personSearch, likeLast = false }: { personSearch?: string; likeLast?: boolean } = {}) {
  if (!can(actor, "create:activity:own")) throw forbidden();
  const [spaces, learners, usualSpaceId, last, usualThemes] = await Promise.all([
    listSpaceChoices(db),
    learnerChoices(db, actor, personSearch),
    q.lastUsedSpace(db, actor.id),
    q.lastOwnEntry(db, actor.id),
    q.mostUsedThemes(db, actor.id, USUAL_THEMES),
  ]);
  const defaults = {
    activityDate: todayInParis(),
    durationMinutes: last?.duration_minutes ?? 30,
    relaySpaceId: usualSpaceId ?? spaces[0]?.id ?? null,
  };
  const fromLast =
    likeLast && last
      ? {
          activityType: last.activity_type,
          placeType: last.place_type,
          relaySpaceId: last.relay_space_id ?? defaults.relaySpaceId,
          placeCommune: last.place_commune,
          equipment: last.equipment,
          themes: last.themes,
          autonomy: last.autonomy,
          redirection: last.redirection,
        }
      : null;
  return {
    spaces,
    learners: learners.people,
    moreLearners: learners.more,
    usualThemes,
    hasLastEntry: !!last,
    defaults,
    fromLast,
  };
}

async function beneficiaryFromInput(db: DbOrTrx, actor: User, input: ActivityInput): Promise<q.BeneficiaryValues | null> {
  const anonymous = {
    gender: input.gender ?? null,
    ageBand: input.ageBand ?? null,
    socialStatus: input.socialStatus ?? null,
    commune: input.beneficiaryCommune,
    communeInsee: null,
  };
  if (input.learnerId) {
    if (!(await canHelpLearner(db, actor, input.learnerId))) {
      throw appError(403, "not_your_learner", "mediation:errors.not_your_learner");
    }
    const learner = await findUserById(db, input.learnerId);
    if (!learner) throw appError(400, "learner_invalid", "mediation:errors.learner_invalid");
    // The profile known from the account, unless the form says otherwise.
    return {
      ...anonymous,
      userId: learner.id,
      ageBand: anonymous.ageBand ?? learner.age_band,
      commune: anonymous.commune ?? learner.commune,
      communeInsee: anonymous.commune ? null : learner.commune_insee,
    };
  }
  const said = Object.values(anonymous).some((v) => v !== null);
  // An individual accompaniment always has one person, described or not.
  return said || input.activityType === "individuel" ? { ...anonymous, userId: null } : null;
}

/** A relay space that names nothing is the person's mistake (400 beside the field), not a foreign-key violation (500). */
async function requireKnownSpace(db: DbOrTrx, input: ActivityInput) {
  if (input.placeType !== "lieu_activite" || !input.relaySpaceId) return;
  if (!(await findSpaceById(db, input.relaySpaceId))) throw new FieldError("relaySpaceId", "mediation:errors.relay_space_invalid");
}

function rowValues(input: ActivityInput) {
  return {
    activity_type: input.activityType,
    activity_date: input.activityDate,
    duration_minutes: input.durationMinutes,
    place_type: input.placeType,
    relay_space_id: input.placeType === "lieu_activite" ? (input.relaySpaceId ?? null) : null,
    place_commune: input.placeCommune,
    place_commune_insee: input.placeCommuneInsee,
    equipment: input.equipment,
    themes: input.themes,
    autonomy: input.autonomy ?? null,
    redirection: input.redirection ?? null,
    notes: input.notes,
    anonymous_participants: input.activityType === "collectif" ? input.anonymousParticipants : 0,
  };
}

export async function recordAccompaniment(db: Db, actor: User, input: ActivityInput) {
  if (!can(actor, "create:activity:own")) throw forbidden();
  return db.transaction().execute(async (trx) => {
    await requireKnownSpace(trx, input);
    const beneficiary = await beneficiaryFromInput(trx, actor, input);
    const activity = await q.insertActivity(trx, { ...rowValues(input), mediator_id: actor.id });
    if (beneficiary) await q.insertBeneficiary(trx, activity.id, beneficiary);
    return activity;
  });
}

/** An entry the actor may read: their own, or any for coordinators. */
const ACTIVITY_PERMISSIONS = {
  read: { own: "read:activity:own", any: "read:activity:any" },
  update: { own: "update:activity:own", any: "update:activity:any" },
} as const;

async function requireActivity(db: DbOrTrx, actor: User, id: string, action: "read" | "update") {
  const permission = ACTIVITY_PERMISSIONS[action];
  if (!can(actor, permission.own)) throw forbidden();
  const activity = isUuid(id) ? await q.findActivity(db, id) : undefined;
  if (!activity) throw appError(404, "not_found", "mediation:errors.activity_not_found");
  if (activity.mediator_id !== actor.id && !can(actor, permission.any)) {
    throw appError(403, "not_your_entry", "mediation:errors.not_your_entry");
  }
  return activity;
}

export async function getActivityForEdit(db: Db, actor: User, id: string, personSearch?: string) {
  const activity = await requireActivity(db, actor, id, "update");
  const [beneficiaries, form] = await Promise.all([q.listBeneficiaries(db, [activity.id]), activityFormData(db, actor, { personSearch })]);
  // The person already linked stays selectable even when the list is cut or searched: saving must not unlink them.
  const linked = beneficiaries.find((b) => b.user_id);
  if (linked?.user_id && linked.first_name && linked.user_created_at && !form.learners.some((l) => l.id === linked.user_id)) {
    form.learners.unshift(
      personChoice({ id: linked.user_id, first_name: linked.first_name, last_name: linked.last_name, commune: linked.user_commune, age_band: linked.user_age_band, created_at: linked.user_created_at }),
    );
  }
  return { activity, beneficiaries, ...form };
}

export async function updateAccompaniment(db: Db, actor: User, id: string, input: ActivityInput) {
  return db.transaction().execute(async (trx) => {
    const activity = await requireActivity(trx, actor, id, "update");
    await requireKnownSpace(trx, input);
    const values = rowValues(input);
    if (activity.workshop_id) {
      // A workshop's entry keeps its checked-in people; the form edits the rest.
      const updated = await q.updateActivityRow(trx, id, { ...values, activity_type: "collectif", needs_review: false });
      return updated;
    }
    const beneficiary = await beneficiaryFromInput(trx, actor, input);
    const updated = await q.updateActivityRow(trx, id, { ...values, needs_review: false });
    await q.deleteBeneficiaries(trx, id);
    if (beneficiary) await q.insertBeneficiary(trx, id, beneficiary);
    return updated;
  });
}

const PAGE_SIZE = 30;

/** Mediators: their own entries. Coordinators: everyone's, filtered. */
export async function listActivityLog(db: Db, actor: User, filters: ActivityFilters, page: number) {
  if (!can(actor, "read:activity:own")) throw forbidden();
  const seeAll = can(actor, "read:activity:any");
  const f: q.ActivityQueryFilters = {
    mediatorId: seeAll ? filters.mediator : actor.id,
    from: filters.from,
    to: filters.to,
    type: filters.type,
    theme: filters.theme,
    spaceId: filters.space,
  };
  const month = DateTime.now().setZone(TIME_ZONE).startOf("month").toISODate()!;
  const year = DateTime.now().setZone(TIME_ZONE).startOf("year").toISODate()!;
  const [rows, totals, monthTotals, yearTotals, spaces, mediators] = await Promise.all([
    q.listActivities(db, { ...f, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    q.activityTotals(db, f),
    q.activityTotals(db, { mediatorId: f.mediatorId, from: month }),
    q.activityTotals(db, { mediatorId: f.mediatorId, from: year }),
    listSpaceChoices(db),
    seeAll ? q.listMediatorsWithEntries(db) : Promise.resolve([]),
  ]);
  const beneficiaries = await q.listBeneficiaries(db, rows.map((r) => r.id));
  const total = rows[0] ? Number(rows[0].total) : 0;
  const num = (t: Awaited<ReturnType<typeof q.activityTotals>>) => ({
    individual: Number(t.individual),
    collective: Number(t.collective),
    minutes: Number(t.minutes),
    people: Number(t.people),
  });
  return {
    seeAll,
    entries: rows.map((r) => ({
      ...r,
      people: Number(r.people),
      beneficiaries: beneficiaries
        .filter((b) => b.activity_id === r.id)
        .map((b) => ({ userId: b.user_id, name: b.first_name ? [b.first_name, b.last_name].filter(Boolean).join(" ") : null, ageBand: b.age_band })),
    })),
    totals: { filtered: num(totals), month: num(monthTotals), year: num(yearTotals) },
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    spaces,
    mediators,
  };
}

/**
 * One row per entry, labels in the reader's language, no names of
 * beneficiaries: a mediator exports her own log, coordinators everyone's.
 */
export async function exportActivityCsv(db: Db, actor: User, filters: ActivityFilters, locale: Locale) {
  if (!can(actor, "export:activity:own")) throw forbidden();
  const t = serverT(locale);
  const rows = await q.exportActivities(db, {
    mediatorId: can(actor, "export:activity:any") ? filters.mediator : actor.id,
    from: filters.from,
    to: filters.to,
    type: filters.type,
    theme: filters.theme,
    spaceId: filters.space,
  });
  const label = (list: string, code: string | null) => (code ? t(`mediation:vocab.${list}.${code}`) : "");
  const header = [
    "date",
    "mediateur",
    "type_activite",
    "duree_minutes",
    "type_lieu",
    "lieu",
    "commune",
    "materiel",
    "thematiques",
    "thematiques_libelles",
    "autonomie",
    "structure_de_redirection",
    "personnes",
    "atelier",
  ];
  const body = rows.map((r) => [
    typeof r.activity_date === "string" ? r.activity_date : DateTime.fromJSDate(r.activity_date, { zone: "UTC" }).toISODate(),
    [r.mediator_first_name, r.mediator_last_name].filter(Boolean).join(" "),
    r.activity_type,
    r.duration_minutes,
    r.place_type,
    r.space_name ?? "",
    r.place_commune ?? "",
    r.equipment.join("|"),
    r.themes.join("|"),
    r.themes.map((c) => label("thematique", c)).join("|"),
    r.autonomy ?? "",
    r.redirection ?? "",
    Number(r.people),
    r.workshop_id ? "oui" : "non",
  ]);
  return toCsv([header, ...body], SPREADSHEET_CSV);
}

/**
 * Called by the workshop check-in inside its transaction: the mediator's
 * collective entry for the workshop is created on the first tick and keeps
 * the list of people present; the mediator reviews it later in their log.
 */
export async function syncWorkshopActivity(
  trx: DbOrTrx,
  { workshop, mediatorId, learnerId, present }: { workshop: Workshop; mediatorId: string; learnerId: string; present: boolean },
) {
  let activity = await q.findWorkshopActivity(trx, workshop.id, mediatorId);
  if (!activity) {
    if (!present) return;
    const start = DateTime.fromJSDate(workshop.starts_at).setZone(TIME_ZONE);
    activity = await q.insertActivity(trx, {
      mediator_id: mediatorId,
      activity_type: "collectif",
      activity_date: start.toISODate()!,
      duration_minutes: Math.max(1, Math.min(1440, Math.round((workshop.ends_at.getTime() - workshop.starts_at.getTime()) / 60000))),
      place_type: workshop.is_remote ? "a_distance" : "lieu_activite",
      relay_space_id: workshop.relay_space_id,
      themes: workshop.themes,
      workshop_id: workshop.id,
      needs_review: true,
    });
  }
  if (present) {
    const learner = await findUserById(trx, learnerId);
    await q.insertBeneficiary(trx, activity.id, {
      userId: learnerId,
      gender: null,
      ageBand: learner?.age_band ?? null,
      socialStatus: null,
      commune: learner?.commune ?? null,
      communeInsee: learner?.commune_insee ?? null,
    });
  } else {
    await q.deleteBeneficiaries(trx, activity.id, { userId: learnerId });
  }
}

/**
 * Called when a one-to-one appointment is marked attended, in that
 * transaction: an individual entry of the mediator's log, pre-filled from the
 * appointment (date, duration, place, themes of its reason, the person), for
 * the mediator to complete later. Once per appointment (a unique index).
 */
export async function recordAppointmentActivity(
  trx: DbOrTrx,
  a: { appointmentId: string; mediatorId: string; learnerId: string; startsAt: Date; minutes: number; remote: boolean; relaySpaceId: string | null; themes: string[] },
) {
  const activity = await q.insertActivity(trx, {
    mediator_id: a.mediatorId,
    activity_type: "individuel",
    activity_date: DateTime.fromJSDate(a.startsAt).setZone(TIME_ZONE).toISODate()!,
    duration_minutes: Math.max(1, Math.min(1440, a.minutes)),
    place_type: a.remote ? "a_distance" : "lieu_activite",
    relay_space_id: a.relaySpaceId,
    themes: a.themes,
    appointment_id: a.appointmentId,
    needs_review: true,
  });
  const learner = await findUserById(trx, a.learnerId);
  await q.insertBeneficiary(trx, activity.id, {
    userId: a.learnerId,
    gender: null,
    ageBand: learner?.age_band ?? null,
    socialStatus: null,
    commune: learner?.commune ?? null,
    communeInsee: learner?.commune_insee ?? null,
  });
  return activity;
}
