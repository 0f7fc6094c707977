import type { User } from "../../../db/schema/accounts";
import type { NewRelaySpace, RelaySpace } from "../../../db/schema/places";
import type { Db } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { upcomingInSpace } from "../workshops/service.server";
import { isOpenAt, openingStatus, weekOfHours } from "./opening-hours";
import * as q from "./queries.server";
import { slugify } from "../../lib/slug";
import { type RelaySpaceInput } from "./schemas";

const spaceNotFound = () => appError(404, "not_found", "places:errors.not_found");

/** The public directory: active spaces, filtered by commune, service and "open now" (Paris time). */
export async function listDirectory(
  db: Db,
  { commune, service, openNow }: { commune?: string; service?: string; openNow?: boolean },
  now = new Date(),
) {
  const [spaces, communes] = await Promise.all([q.listActiveSpaces(db, { commune, service }), q.listCommunes(db)]);
  const shown = openNow ? spaces.filter((s) => isOpenAt(s.opening_hours, now)) : spaces;
  return {
    spaces: shown.map((s) => ({ ...publicFields(s), status: openingStatus(s.opening_hours, now) })),
    communes,
  };
}

function publicFields(s: RelaySpace) {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name,
    commune: s.commune,
    postalCode: s.postal_code,
    address: s.address,
    summary: s.summary,
    services: s.services,
    phone: s.phone,
  };
}

export async function getPublicSpace(db: Db, slug: string, now = new Date()) {
  const space = await q.findSpaceBySlug(db, slug);
  if (!space || space.archived_at) throw spaceNotFound();
  return {
    space,
    status: openingStatus(space.opening_hours, now),
    week: weekOfHours(space.opening_hours, now),
    workshops: await upcomingInSpace(db, space.id, now),
  };
}

function requireManager(actor: User) {
  if (!can(actor, "manage:relay_space:any")) throw forbidden();
}

export async function listSpacesForManagement(db: Db, actor: User) {
  requireManager(actor);
  return q.listAllSpaces(db);
}

export async function getSpaceForEdit(db: Db, actor: User, id: string) {
  requireManager(actor);
  const space = isUuid(id) ? await q.findSpaceById(db, id) : undefined;
  if (!space) throw spaceNotFound();
  return space;
}

function toRow(input: RelaySpaceInput): Omit<NewRelaySpace, "slug"> {
  return {
    name: input.name,
    pivot: input.pivot,
    address: input.address,
    address_complement: input.addressComplement,
    commune: input.commune,
    postal_code: input.postalCode,
    insee_code: input.inseeCode,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    phone: input.phone,
    emails: input.emails,
    websites: input.websites,
    opening_hours: input.openingHours,
    summary: input.summary,
    description: input.description,
    typology: input.typology,
    parent_structure: input.parentStructure,
    other_trainings_labels: input.otherTrainingsLabels,
    accessibility_url: input.accessibilityUrl,
    booking_url: input.bookingUrl,
    services: input.services,
    audiences: input.audiences,
    specific_support: input.specificSupport,
    fees: input.fees,
    national_programmes: input.nationalProgrammes,
    trainings_labels: input.trainingsLabels,
    access_modalities: input.accessModalities,
    accompaniment_modalities: input.accompanimentModalities,
    itinerance: input.itinerance,
    equipment: input.equipment,
    accessibility: input.accessibility,
  };
}

async function freeSlug(db: Db, name: string, exceptId?: string) {
  const base = slugify(name, "lieu");
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await q.slugTaken(db, slug, exceptId))) return slug;
  }
}

export async function createSpace(db: Db, actor: User, input: RelaySpaceInput) {
  requireManager(actor);
  return q.insertSpace(db, { ...toRow(input), slug: await freeSlug(db, input.name) });
}

/** The slug (and so the public URL) stays the same when the name changes. */
export async function updateSpace(db: Db, actor: User, id: string, input: RelaySpaceInput) {
  await getSpaceForEdit(db, actor, id);
  const updated = await q.updateSpace(db, id, toRow(input));
  if (!updated) throw spaceNotFound();
  return updated;
}

export async function setSpaceArchived(db: Db, actor: User, id: string, archived: boolean) {
  await getSpaceForEdit(db, actor, id);
  return q.setArchived(db, id, archived ? new Date() : null);
}
