import type { User } from "../../../db/schema/accounts";
import type { JobOfferStatus } from "../../../db/schema/jobs";
import { withRetryingTransaction, type Db, type DbOrTrx } from "../../lib/db.server";
import { appError, FieldError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { todayInParis } from "../projects/dates";
import * as q from "./offers-queries.server";
import { actsForPartner, requirePartnerStaff } from "./partners.server";
import * as pq from "./partners-queries.server";
import type { OfferFilters, OfferInput, OfferSkill } from "./schemas-offers";

const offerNotFound = () => appError(404, "not_found", "jobs:errors.offer_not_found");
/** A second identical submission within this window is the same offer (double click, re-posted form). */
const TWIN_WINDOW_MS = 10 * 60 * 1000;

const day = (d: Date | string | null) => (d === null ? null : typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));

type OfferRow = Awaited<ReturnType<typeof q.listPublished>>[number];

/** What every page shows of an offer, the skills it needs included. */
export interface OfferView {
  id: string;
  partnerId: string;
  partnerName: string;
  partnerSlug: string;
  title: string;
  description: string;
  sector: string;
  contract: string;
  durationMonths: number | null;
  workingTime: string;
  hoursPerWeek: number | null;
  commune: string;
  businessZone: string | null;
  startsOn: string | null;
  howToApply: string;
  noDiploma: boolean;
  status: JobOfferStatus;
  expiresOn: string;
  publishedAt: Date | null;
  updatedAt: Date;
  moderationNote: string | null;
  externalRef: string | null;
  /** PIX competences ("2.1") with the level wanted when said. */
  skills: OfferSkill[];
}

async function withSkills(db: DbOrTrx, rows: OfferRow[]): Promise<OfferView[]> {
  const skills = await q.skillsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    partnerId: r.partner_id,
    partnerName: r.partner_name,
    partnerSlug: r.partner_slug,
    title: r.title,
    description: r.description,
    sector: r.sector,
    contract: r.contract,
    durationMonths: r.duration_months,
    workingTime: r.working_time,
    hoursPerWeek: r.hours_per_week,
    commune: r.commune,
    businessZone: r.business_zone,
    startsOn: day(r.starts_on),
    howToApply: r.how_to_apply,
    noDiploma: r.no_diploma,
    status: r.status,
    expiresOn: day(r.expires_on)!,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    moderationNote: r.moderation_note,
    externalRef: r.external_ref,
    skills: skills.filter((s) => s.offer_id === r.id).map((s) => ({ competence: s.competence, level: s.level })),
  }));
}

const isListed = (
  o: {
    status: JobOfferStatus;
    expires_on: Date | string;
    partner_archived_at?: Date | null;
  },
  today: string,
) => o.status === "published" && day(o.expires_on)! >= today && !o.partner_archived_at;

/** Published offers, not expired (Paris time), newest first, with their skills: the public list, the feed, part B's matching. */
export async function listPublishedOffers(db: DbOrTrx, filters: Partial<OfferFilters> & { partnerId?: string } = {}, now = new Date()) {
  return withSkills(db, await q.listPublished(db, todayInParis(now), filters));
}

/** The public list's page: the offers and the communes the filter offers. */
export async function listOffersPage(db: Db, filters: OfferFilters, now = new Date()) {
  const [offers, communes] = await Promise.all([listPublishedOffers(db, filters, now), q.listedCommunes(db, todayInParis(now))]);
  return { offers, communes };
}

/** One published, not expired offer with its skills; null otherwise (never an unmoderated one). */
export async function getPublishedOffer(db: DbOrTrx, id: string, now = new Date()): Promise<OfferView | null> {
  if (!isUuid(id)) return null;
  const row = await q.findOffer(db, id);
  if (!row || !isListed(row, todayInParis(now))) return null;
  return (await withSkills(db, [row]))[0]!;
}

/**
 * The offer page: anyone sees a listed offer; the partner's staff and the
 * moderators also see it before publication or after it closed (with its
 * status), everyone else gets 404.
 */
export async function getOfferPage(db: Db, viewer: User | null, id: string, now = new Date()) {
  if (!isUuid(id)) throw offerNotFound();
  const row = await q.findOffer(db, id);
  if (!row) throw offerNotFound();
  const listed = isListed(row, todayInParis(now));
  const mayManage = viewer ? await actsForPartner(db, viewer, row.partner_id) : false;
  const mayModerate = can(viewer, "moderate:job_offer:any");
  if (!listed && !mayManage && !mayModerate) throw offerNotFound();
  return {
    offer: (await withSkills(db, [row]))[0]!,
    listed,
    mayManage,
    mayModerate,
  };
}

/** The partner's space: the offers of every organisation the person acts for, whatever their status. */
export async function listOffersOfPartner(db: Db, user: User) {
  const { partnerIds, partners } = await requirePartnerStaff(db, user);
  return {
    partners,
    offers: await withSkills(db, await q.listOfPartners(db, partnerIds)),
  };
}

/** An offer its partner's staff may change; 404 for anyone else's (its existence is not revealed). */
export async function getOfferForEdit(db: Db, user: User, id: string) {
  if (!can(user, "manage:job_offer:own")) throw forbidden();
  const row = isUuid(id) ? await q.findOffer(db, id) : undefined;
  if (!row || !(await actsForPartner(db, user, row.partner_id))) throw offerNotFound();
  return (await withSkills(db, [row]))[0]!;
}

export function toOfferValues(input: OfferInput): q.OfferValues {
  return {
    title: input.title,
    description: input.description,
    sector: input.sector,
    contract: input.contract,
    duration_months: input.durationMonths,
    working_time: input.workingTime,
    hours_per_week: input.hoursPerWeek,
    commune: input.commune,
    business_zone: input.businessZone,
    starts_on: input.startsOn,
    how_to_apply: input.howToApply,
    no_diploma: input.noDiploma,
    expires_on: input.expiresOn,
  };
}

function requireFutureExpiry(input: OfferInput, now: Date) {
  if (input.expiresOn < todayInParis(now)) throw new FieldError("expiresOn", "jobs:errors.expires_past");
}

/** The organisation a new offer is for: the one chosen, which the person must act for, or their only one. */
async function chooseOrganisation(db: Db, user: User, partnerId: string | undefined) {
  const { partnerIds } = await requirePartnerStaff(db, user);
  if (partnerId) {
    if (!isUuid(partnerId) || !(await actsForPartner(db, user, partnerId))) throw new FieldError("partnerId", "jobs:errors.partner_choose");
    return partnerId;
  }
  if (partnerIds.length === 1) return partnerIds[0]!;
  throw new FieldError("partnerId", "jobs:errors.partner_choose");
}

/**
 * A partner's staff member writes an offer: it waits for a coordinator
 * (pending). The organisation's row is locked, so the same form posted twice
 * finds the first copy and creates nothing more.
 */
export async function createOffer(db: Db, user: User, input: OfferInput & { partnerId?: string }, now = new Date()) {
  const partnerId = await chooseOrganisation(db, user, input.partnerId);
  requireFutureExpiry(input, now);
  return withRetryingTransaction(db, async (trx) => {
    const partner = await pq.lockPartner(trx, partnerId);
    if (!partner || partner.archived_at) throw appError(404, "not_found", "jobs:errors.partner_not_found");
    const twin = await q.findRecentTwin(trx, partnerId, user.id, input.title, input.description, new Date(now.getTime() - TWIN_WINDOW_MS));
    if (twin) return { id: twin.id, created: false };
    const offer = await q.insertOffer(trx, {
      ...toOfferValues(input),
      partner_id: partnerId,
      created_by: user.id,
    });
    await q.replaceSkills(trx, offer!.id, input.skills);
    return { id: offer!.id, created: true };
  });
}

/** Any change sends the offer back to moderation; a filled or withdrawn offer is closed for good. */
export async function updateOffer(db: Db, user: User, id: string, input: OfferInput, now = new Date()) {
  if (!can(user, "manage:job_offer:own") || !isUuid(id)) throw offerNotFound();
  requireFutureExpiry(input, now);
  return withRetryingTransaction(db, async (trx) => {
    const offer = await q.lockOffer(trx, id);
    if (!offer || !(await actsForPartner(trx, user, offer.partner_id))) throw offerNotFound();
    if (offer.status === "filled" || offer.status === "withdrawn") throw appError(409, "offer_closed", "jobs:errors.offer_closed");
    await q.updateOffer(trx, id, {
      ...toOfferValues(input),
      status: "pending",
    });
    await q.replaceSkills(trx, id, input.skills);
    return { id };
  });
}

/** The partner says the job is filled, or withdraws the offer: off the list at once. Saying it twice is not an error. */
export async function closeOffer(db: Db, user: User, id: string, status: "filled" | "withdrawn") {
  if (!can(user, "manage:job_offer:own") || !isUuid(id)) throw offerNotFound();
  return withRetryingTransaction(db, async (trx) => {
    const offer = await q.lockOffer(trx, id);
    if (!offer || !(await actsForPartner(trx, user, offer.partner_id))) throw offerNotFound();
    if (offer.status === status) return { id, status };
    if (offer.status === "filled" || offer.status === "withdrawn") throw appError(409, "offer_closed", "jobs:errors.offer_closed");
    await q.setStatus(trx, id, ["pending", "published", "rejected"], {
      status,
    });
    return { id, status };
  });
}

/** Offers waiting for a coordinator, oldest first. */
export async function listModerationQueue(db: Db, user: User) {
  if (!can(user, "moderate:job_offer:any")) throw forbidden();
  return withSkills(db, await q.listPending(db));
}

/**
 * A coordinator publishes or rejects a pending offer (a rejection says why,
 * the partner reads it in their space). Only a pending offer moves: two
 * coordinators deciding at once, the second is told it is already done.
 */
export async function moderateOffer(db: Db, user: User, input: { offerId: string; intent: "publish" | "reject"; note: string }, now = new Date()) {
  if (!can(user, "moderate:job_offer:any")) throw forbidden();
  if (!isUuid(input.offerId)) throw offerNotFound();
  if (input.intent === "reject" && !input.note) throw new FieldError("note", "jobs:errors.note_required");
  const status = input.intent === "publish" ? "published" : "rejected";
  const moved = await q.setStatus(db, input.offerId, ["pending"], {
    status,
    moderated_by: user.id,
    moderated_at: now,
    moderation_note: input.note || null,
    ...(status === "published" ? { published_at: now } : {}),
  });
  if (!moved) {
    if (!(await q.findOffer(db, input.offerId))) throw offerNotFound();
    throw appError(409, "already_moderated", "jobs:errors.already_moderated");
  }
  return { id: input.offerId, status };
}
