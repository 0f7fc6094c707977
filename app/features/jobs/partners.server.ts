import type { User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { todayInParis } from "../projects/dates";
import * as q from "./partners-queries.server";
import { slugify } from "../../lib/slug";
import type { PartnerInput } from "./schemas-offers";

const partnerNotFound = () => appError(404, "not_found", "jobs:errors.partner_not_found");

function requireDirectoryManager(actor: User) {
  if (!can(actor, "manage:partner:any")) throw forbidden();
}

const toRow = (input: PartnerInput): Omit<q.PartnerRow, "slug"> => ({
  name: input.name,
  kind: input.kind,
  sector: input.sector,
  commune: input.commune,
  business_zone: input.businessZone,
  description: input.description,
  website: input.website,
  contact_email: input.contactEmail,
  contact_phone: input.contactPhone,
});

/** A coordinator adds an organisation to the directory; its address (slug) is its name, made unique. */
export async function createPartner(db: Db, actor: User, input: PartnerInput) {
  requireDirectoryManager(actor);
  return db.transaction().execute(async (trx) => {
    const base = slugify(input.name, "partenaire");
    const taken = await q.slugsLike(trx, base);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    return q.insertPartner(trx, {
      ...toRow(input),
      slug,
      created_by: actor.id,
    });
  });
}

export async function updatePartner(db: Db, actor: User, id: string, input: PartnerInput) {
  requireDirectoryManager(actor);
  if (!isUuid(id)) throw partnerNotFound();
  const updated = await q.updatePartner(db, id, toRow(input));
  if (!updated) throw partnerNotFound();
  return updated;
}

/** Archived: off the public directory, its offers no longer listed, its staff can no longer act; nothing deleted. */
export async function archivePartner(db: Db, actor: User, id: string, archived: boolean) {
  requireDirectoryManager(actor);
  if (!isUuid(id) || !(await q.setPartnerArchived(db, id, archived ? new Date() : null))) throw partnerNotFound();
  return { archived };
}

export async function listPartnersForAdmin(db: Db, actor: User) {
  requireDirectoryManager(actor);
  const rows = await q.listPartnersForAdmin(db);
  return rows.map((r) => ({
    ...r,
    staff: Number(r.staff ?? 0),
    pending: Number(r.pending ?? 0),
    archived: r.archived_at !== null,
  }));
}

export async function getPartnerForAdmin(db: Db, actor: User, id: string) {
  requireDirectoryManager(actor);
  const partner = isUuid(id) ? await q.findPartnerById(db, id) : undefined;
  if (!partner) throw partnerNotFound();
  return { partner, staff: await q.staffOfPartner(db, id) };
}

/** The organisations a coordinator may invite a partner's staff member for. */
export async function partnerChoices(db: Db, actor: User) {
  requireDirectoryManager(actor);
  return q.listPartnerChoices(db);
}

/** The public directory: every organisation not archived, with its live offers counted. */
export async function listPublicPartners(db: Db, now = new Date()) {
  const rows = await q.listActivePartners(db, todayInParis(now));
  return rows.map((r) => ({ ...r, offers: Number(r.offers ?? 0) }));
}

/** A partner's public page (its offers are read by the page through listPublishedOffers). */
export async function getPublicPartner(db: Db, slug: string) {
  const partner = await q.findPartnerBySlug(db, slug);
  if (!partner || partner.archived_at) throw partnerNotFound();
  return partner;
}

/**
 * The organisations the person acts for: every one of theirs for partner
 * staff, none for others. Throws 403 for someone who may not manage offers
 * and for partner staff whose organisations are all archived.
 */
export async function requirePartnerStaff(
  db: DbOrTrx,
  user: User,
): Promise<{
  partnerIds: string[];
  partners: { id: string; name: string; slug: string }[];
}> {
  if (!can(user, "manage:job_offer:own")) throw forbidden();
  const partners = await q.partnersOfUser(db, user.id);
  if (partners.length === 0 && !can(user, "manage:job_offer:any")) throw forbidden();
  return { partnerIds: partners.map((p) => p.id), partners };
}

/** Does this person act for this organisation (or for every one, as a coordinator)? */
export async function actsForPartner(db: DbOrTrx, user: User, partnerId: string): Promise<boolean> {
  if (can(user, "manage:job_offer:any")) return true;
  if (!can(user, "manage:job_offer:own")) return false;
  return (await q.partnersOfUser(db, user.id)).some((p) => p.id === partnerId);
}

/**
 * Called by the staff invitation when a partner's staff member accepts it,
 * in the same transaction as the account: the account acts for the
 * organisation from its first page.
 */
export async function attachPartnerStaff(trx: DbOrTrx, partnerId: string, userId: string) {
  await q.insertPartnerStaff(trx, partnerId, userId);
}

/** The invitation form's check: the organisation exists and is not archived. */
export async function requireInvitablePartner(db: DbOrTrx, partnerId: string | undefined) {
  const partner = partnerId && isUuid(partnerId) ? await q.findPartnerById(db, partnerId) : undefined;
  return partner && !partner.archived_at ? partner : null;
}
