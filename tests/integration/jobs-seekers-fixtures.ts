import { DateTime } from "luxon";
import type { User } from "../../db/schema/accounts";
import { issueBadge } from "../../app/features/badges/service.server";
import type { Db } from "../../app/lib/db.server";
import { createUser } from "../helpers/fixtures";

// Tests may write to the test database directly: partners and offers are
// part A's (partners and offers services); here they are plain rows.

let n = 0;
const next = () => `${Date.now().toString(36)}-${++n}`;

export async function partnerWithStaff(db: Db, { name = "Boulangerie du Pont", sector = "retail", commune = "Pont-Sainte-Maxence" } = {}) {
  const partner = await db
    .insertInto("partner_org")
    .values({ slug: `partenaire-${next()}`, name, kind: "employer", sector, commune })
    .returning("id")
    .executeTakeFirstOrThrow();
  const staff = await createUser(db, { role: "partner", firstName: `Équipe ${name}` });
  await db.insertInto("partner_staff").values({ partner_id: partner.id, user_id: staff.id }).execute();
  return { partnerId: partner.id, staff };
}

export async function publishedOffer(
  db: Db,
  partnerId: string,
  { title = "Vendeur ou vendeuse", sector = "retail", commune = "Pont-Sainte-Maxence", skills = ["2.1", "3.1"], publishedAt = new Date(), status = "published" as const } = {},
) {
  const offer = await db
    .insertInto("job_offer")
    .values({
      partner_id: partnerId,
      title,
      sector,
      contract: "cdi",
      working_time: "full_time",
      commune,
      how_to_apply: "Par téléphone",
      status,
      expires_on: DateTime.now().plus({ days: 30 }).toISODate()!,
      published_at: status === "published" ? publishedAt : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (skills.length) await db.insertInto("job_offer_skill").values(skills.map((competence) => ({ offer_id: offer.id, competence, level: null }))).execute();
  return offer.id;
}

/** A real, signed badge naming these competences. */
export async function badgeFor(db: Db, user: User, competences: string[], name = "Communiquer par courriel") {
  const slug = `cours-${next()}`;
  const achievement = await db
    .insertInto("achievement")
    .values({ slug, kind: "course", course_slug: slug, name, description: "Un badge", criteria: "Terminer le cours", competences })
    .returningAll()
    .executeTakeFirstOrThrow();
  const id = await issueBadge(db, { achievement, userId: user.id, baseUrl: "http://localhost" });
  return id!;
}

export async function courseTeaching(db: Db, competences: string[], title = "Écrire son CV") {
  const slug = `cours-${next()}`;
  await db.insertInto("course").values({ slug, title, status: "published", competences }).execute();
  return slug;
}

export async function learner(db: Db, firstName = "Nadia", createdBy: string | null = null) {
  return createUser(db, { role: "learner", firstName, createdBy });
}
