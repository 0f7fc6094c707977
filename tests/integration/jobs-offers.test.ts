import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import {
  closeOffer,
  createOffer,
  getOfferForEdit,
  getOfferPage,
  getPublishedOffer,
  listModerationQueue,
  listOffersOfPartner,
  listPublishedOffers,
  moderateOffer,
  updateOffer,
} from "../../app/features/jobs/offers.server";
import { archivePartner, attachPartnerStaff, createPartner, requirePartnerStaff } from "../../app/features/jobs/partners.server";
import { OfferSchema } from "../../app/features/jobs/schemas-offers";
import { todayInParis } from "../../app/features/projects/dates";
import { testDb } from "../helpers/db";
import { FieldError } from "../../app/lib/errors";
import { acceptInvitation, inviteStaff } from "../../app/features/accounts/staff.server";
import { createUser, statusOf, TEST_PASSWORD, uniqueEmail } from "../helpers/fixtures";

/** The message of the FieldError a verb throws (the page shows it beside its field, with a 400). */
async function fieldError(promise: Promise<unknown>) {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof FieldError) return `${error.field}: ${error.messageKey}`;
    throw error;
  }
}

let db: Db;
let coordinator: User;
let staffA: User;
let staffB: User;
let mediator: User;
let partnerA: string;
let partnerB: string;

const inDays = (n: number) => todayInParis(new Date(Date.now() + n * 86_400_000));
const rawOffer = (over: Record<string, unknown> = {}) => ({
  title: "Opérateur·rice de production",
  description: "Conduite de ligne, équipe de jour.",
  sector: "industry",
  contract: "cdd",
  durationMonths: "6",
  workingTime: "full_time",
  commune: "Rieux",
  howToApply: "CV à recrutement@exemple.fr",
  noDiploma: "on",
  expiresOn: inDays(30),
  skills: ["2.1:2", "4.1"],
  ...over,
});
const offerInput = (over: Record<string, unknown> = {}) => OfferSchema.parse(rawOffer(over));

const partnerInput = (name: string) => ({
  name,
  kind: "employer" as const,
  sector: "industry" as const,
  commune: "Rieux",
  businessZone: null,
  description: "",
  website: null,
  contactEmail: null,
  contactPhone: null,
});

beforeAll(async () => {
  db = await testDb();
  [coordinator, staffA, staffB, mediator] = await Promise.all([
    createUser(db, { role: "coordinator" }),
    createUser(db, { role: "partner" }),
    createUser(db, { role: "partner" }),
    createUser(db, { role: "mediator" }),
  ]);
  partnerA = (await createPartner(db, coordinator, partnerInput("Verrerie du Vallon"))).id;
  partnerB = (await createPartner(db, coordinator, partnerInput("Verrerie du Vallon"))).id;
  await attachPartnerStaff(db, partnerA, staffA.id);
  await attachPartnerStaff(db, partnerB, staffB.id);
});

describe("partners and their staff", () => {
  it("gives a second partner of the same name its own address, and only coordinators manage the directory", async () => {
    const slugs = await db.selectFrom("partner_org").select("slug").where("id", "in", [partnerA, partnerB]).execute();
    expect(new Set(slugs.map((s) => s.slug))).toEqual(new Set(["verrerie-du-vallon", "verrerie-du-vallon-2"]));
    expect(await statusOf(createPartner(db, staffA, partnerInput("Autre")))).toBe(403);
    expect(await statusOf(createPartner(db, mediator, partnerInput("Autre")))).toBe(403);
    expect((await requirePartnerStaff(db, staffA)).partnerIds).toEqual([partnerA]);
    expect(await statusOf(requirePartnerStaff(db, mediator))).toBe(403);
  });
});

describe("inviting a partner's staff member through the staff invitation", () => {
  it("needs the organisation; accepting creates a partner account acting for it, in the same transaction", async () => {
    const email = uniqueEmail("partenaire");
    expect(await fieldError(inviteStaff(db, coordinator, { email, firstName: "Inès", role: "partner", locale: "fr" }))).toBe(
      "partnerId: jobs:errors.invite_partner_required",
    );
    await archivePartner(db, coordinator, partnerB, true);
    expect(await fieldError(inviteStaff(db, coordinator, { email, firstName: "Inès", role: "partner", locale: "fr", partnerId: partnerB }))).toBe(
      "partnerId: jobs:errors.invite_partner_required",
    );
    await archivePartner(db, coordinator, partnerB, false);
    await inviteStaff(db, coordinator, { email, firstName: "Inès", role: "partner", locale: "fr", partnerId: partnerA });
    // Another role never carries an organisation.
    await inviteStaff(db, coordinator, { email: uniqueEmail("med"), firstName: "Léo", role: "mediator", locale: "fr", partnerId: partnerA });
    const mail = await db.selectFrom("outbox_message").select("text_body").where("to_address", "=", email).executeTakeFirstOrThrow();
    const token = /invitation\?jeton=([a-z0-9]+)/.exec(mail.text_body)![1]!;
    const { user } = await acceptInvitation(db, { token, firstName: "Inès", password: TEST_PASSWORD }, { ip: "127.0.0.1", userAgent: "test" });
    expect(user.role).toBe("partner");
    expect((await requirePartnerStaff(db, user)).partnerIds).toEqual([partnerA]);
    const orphans = await db.selectFrom("staff_invitation").select("id").where("role", "!=", "partner").where("partner_id", "is not", null).execute();
    expect(orphans).toHaveLength(0);
  });
});

describe("offers: authorization, moderation, expiry (acceptance 4, partner side)", () => {
  let offerId: string;

  it("a partner's new offer waits for moderation and is not listed nor shown to the public", async () => {
    const { id, created } = await createOffer(db, staffA, offerInput());
    expect(created).toBe(true);
    offerId = id;
    const row = await db.selectFrom("job_offer").select(["status", "partner_id"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "pending", partner_id: partnerA });
    expect((await listPublishedOffers(db)).map((o) => o.id)).not.toContain(id);
    expect(await getPublishedOffer(db, id)).toBeNull();
    expect(await statusOf(getOfferPage(db, null, id))).toBe(404);
    expect(await statusOf(getOfferPage(db, staffB, id))).toBe(404);
    // Its own staff and the moderators see it, with its status.
    expect((await getOfferPage(db, staffA, id)).listed).toBe(false);
    expect((await getOfferPage(db, coordinator, id)).mayModerate).toBe(true);
  });

  it("another partner can neither read, edit, fill nor withdraw it (404), nor publish for another organisation", async () => {
    expect(await statusOf(getOfferForEdit(db, staffB, offerId))).toBe(404);
    expect(await statusOf(updateOffer(db, staffB, offerId, offerInput({ title: "Piraté" })))).toBe(404);
    expect(await statusOf(closeOffer(db, staffB, offerId, "filled"))).toBe(404);
    expect(await statusOf(closeOffer(db, staffB, offerId, "withdrawn"))).toBe(404);
    expect(await statusOf(getOfferForEdit(db, mediator, offerId))).toBe(403);
    expect((await listOffersOfPartner(db, staffB)).offers.map((o) => o.id)).not.toContain(offerId);
    expect((await listOffersOfPartner(db, staffA)).offers.map((o) => o.id)).toContain(offerId);
    expect(await fieldError(createOffer(db, staffB, { ...offerInput({ title: "Chez les autres" }), partnerId: partnerA }))).toBe(
      "partnerId: jobs:errors.partner_choose",
    );
    // Partners do not moderate.
    expect(await statusOf(moderateOffer(db, staffA, { offerId, intent: "publish", note: "" }))).toBe(403);
    expect(await statusOf(listModerationQueue(db, staffA))).toBe(403);
  });

  it("a coordinator publishes it: listed with its skills; a rejection needs a note; moderating twice says so", async () => {
    expect((await listModerationQueue(db, coordinator)).map((o) => o.id)).toContain(offerId);
    expect(await fieldError(moderateOffer(db, coordinator, { offerId, intent: "reject", note: "" }))).toBe("note: jobs:errors.note_required");
    await moderateOffer(db, coordinator, { offerId, intent: "publish", note: "" });
    expect(await statusOf(moderateOffer(db, coordinator, { offerId, intent: "reject", note: "Trop tard" }))).toBe(409);
    const offer = await getPublishedOffer(db, offerId);
    expect(offer?.skills).toEqual([
      { competence: "2.1", level: 2 },
      { competence: "4.1", level: null },
    ]);
    expect(offer?.noDiploma).toBe(true);
    const listed = (filters: Parameters<typeof listPublishedOffers>[1]) => listPublishedOffers(db, filters).then((l) => l.map((o) => o.id));
    expect(await listed({ sector: "industry", commune: "Rieux", contract: "cdd", noDiploma: true })).toContain(offerId);
    expect(await listed({ sector: "retail" })).not.toContain(offerId);
    expect(await listed({ contract: "cdi" })).not.toContain(offerId);
    expect(await listed({ commune: "Ailleurs" })).not.toContain(offerId);
  });

  it("an edit sends it back to moderation; filled takes it off the list and closes it", async () => {
    await updateOffer(db, staffA, offerId, offerInput({ title: "Opérateur·rice de production (équipe de nuit)" }));
    expect(await getPublishedOffer(db, offerId)).toBeNull();
    await moderateOffer(db, coordinator, { offerId, intent: "publish", note: "" });
    expect((await getPublishedOffer(db, offerId))?.title).toBe("Opérateur·rice de production (équipe de nuit)");
    await closeOffer(db, staffA, offerId, "filled");
    await closeOffer(db, staffA, offerId, "filled"); // twice: not an error
    expect(await getPublishedOffer(db, offerId)).toBeNull();
    expect(await statusOf(updateOffer(db, staffA, offerId, offerInput()))).toBe(409);
    expect(await statusOf(closeOffer(db, staffA, offerId, "withdrawn"))).toBe(409);
  });

  it("an expired offer (expires_on before today, Paris time) is not listed; the last day still is", async () => {
    const lastDay = (await createOffer(db, staffA, offerInput({ title: "Dernier jour", expiresOn: todayInParis() }))).id;
    const expired = (await createOffer(db, staffA, offerInput({ title: "Expirée" }))).id;
    for (const id of [lastDay, expired]) await moderateOffer(db, coordinator, { offerId: id, intent: "publish", note: "" });
    await db
      .updateTable("job_offer")
      .set({ expires_on: inDays(-1) })
      .where("id", "=", expired)
      .execute();
    const ids = (await listPublishedOffers(db)).map((o) => o.id);
    expect(ids).toContain(lastDay);
    expect(ids).not.toContain(expired);
    expect(await statusOf(getOfferPage(db, null, expired))).toBe(404);
    // A partner cannot write an offer that would never be seen.
    expect(await fieldError(createOffer(db, staffA, offerInput({ title: "Passée", expiresOn: inDays(-1) })))).toBe(
      "expiresOn: jobs:errors.expires_past",
    );
  });

  it("an archived partner's offers leave the list and its staff can no longer publish", async () => {
    const id = (await createOffer(db, staffB, offerInput({ title: "Chez B" }))).id;
    await moderateOffer(db, coordinator, { offerId: id, intent: "publish", note: "" });
    expect(await getPublishedOffer(db, id)).not.toBeNull();
    await archivePartner(db, coordinator, partnerB, true);
    expect(await getPublishedOffer(db, id)).toBeNull();
    expect(await statusOf(createOffer(db, staffB, offerInput({ title: "Encore" })))).toBe(403);
    await archivePartner(db, coordinator, partnerB, false);
  });
});

describe("the same form sent twice", () => {
  it("two identical submits at once make one offer", async () => {
    const input = offerInput({ title: `Double clic ${Date.now()}` });
    const results = await Promise.all([createOffer(db, staffA, input), createOffer(db, staffA, input)]);
    expect(results[0].id).toBe(results[1].id);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await db.selectFrom("job_offer").select("id").where("title", "=", input.title).execute();
    expect(rows).toHaveLength(1);
    const skills = await db.selectFrom("job_offer_skill").select("competence").where("offer_id", "=", rows[0]!.id).execute();
    expect(skills).toHaveLength(2);
  });

  it("rejects a skill that is not a PIX competence, and a fixed-term contract without its duration", () => {
    expect(OfferSchema.safeParse(rawOffer({ skills: ["6.1"] })).error?.issues[0]?.message).toBe("jobs:errors.skill_invalid");
    const r = OfferSchema.safeParse(rawOffer({ durationMonths: "" }));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("jobs:errors.duration_required");
  });
});
