import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { issueAccessCard, listAccessCards, recordCardConsent, signInWithAccessCard } from "../../app/features/mediation/access-card.server";
import { addEmailAndPassword, createAssistedAccount, getLearnerFile } from "../../app/features/mediation/learners.server";
import { CardConsentSchema, LearnerFileSchema } from "../../app/features/mediation/schemas";
import { bookSeat } from "../../app/features/workshops/booking.server";
import { setPresence } from "../../app/features/workshops/checkin.server";
import { issuePupilCard } from "../../app/features/projects/cards.server";
import { serverT } from "../../app/lib/i18n.server";
import { signIn } from "../../app/features/accounts/service.server";
import { testDb } from "../helpers/db";
import { createUser, statusOf, TEST_PASSWORD } from "../helpers/fixtures";

/**
 * Decision 036: an access card signs its holder in as the person, so helping
 * someone is not enough to print one. Issue 22, finding 1 (account takeover
 * by a mediator), replayed step by step.
 */
let db: Db;
let mediator: User;
let otherMediator: User;
let coordinator: User;
let spaceId: string;

const CARD_POINTS = ["carte_connexion", "connexion_actuelle", "message_envoye", "carte_perdue", "retrait"] as const;
const cardConsent = { givenBy: "personne" as const, representativeName: null, explained: [...CARD_POINTS], consentNotes: "Elle a oublié son mot de passe et préfère une carte." };
const meta = { ip: "198.51.100.36", userAgent: "vitest" };

async function workshopLedBy(leader: User, startsInMs: number) {
  const w = await db
    .insertInto("workshop")
    .values({
      title: "Faire ses démarches en ligne",
      themes: ["email"],
      level: "debutant",
      relay_space_id: spaceId,
      starts_at: new Date(Date.now() + startsInMs),
      ends_at: new Date(Date.now() + startsInMs + 90 * 60_000),
      seats: 8,
      created_by: leader.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto("workshop_mediator").values({ workshop_id: w.id, user_id: leader.id }).execute();
  return w;
}

/** The audit's path: a self-registered learner books a workshop next week, the mediator moves it to today and ticks her present. */
async function selfRegisteredLearnerTickedPresent(firstName: string) {
  const learner = await createUser(db, { firstName });
  const workshop = await workshopLedBy(mediator, 7 * 86_400_000);
  await bookSeat(db, learner, workshop.id);
  // Moving the workshop is the mediator's right; it is what opened check-in in the audit.
  await db.updateTable("workshop").set({ starts_at: new Date(Date.now() + 3_600_000), ends_at: new Date(Date.now() + 2 * 3_600_000) }).where("id", "=", workshop.id).execute();
  await setPresence(db, mediator, workshop.id, learner.id, true);
  return learner;
}

/** The card mails to a person (her workshop booking sends its own confirmation, which is not the point here). */
const mailsTo = (userId: string) =>
  db.selectFrom("outbox_message").selectAll().where("user_id", "=", userId).where("dedupe_key", "like", "access-card-issued:%").execute();

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator", firstName: "Mathieu" });
  otherMediator = await createUser(db, { role: "mediator", firstName: "Nadia" });
  coordinator = await createUser(db, { role: "coordinator", firstName: "Claire" });
  const space = await db
    .insertInto("relay_space")
    .values({ slug: `cards-${Date.now()}`, name: "Médiathèque", commune: "Creil", postal_code: "60100", address: "1 place" })
    .returning("id")
    .executeTakeFirstOrThrow();
  spaceId = space.id;
});

describe("a card only for the people it is for (issue 22, finding 1)", () => {
  it("refuses a card for a self-registered learner the mediator ticked present, with a translated 409, and writes nothing", async () => {
    const learner = await selfRegisteredLearnerTickedPresent("Josiane");
    // The "helped" relation holds: the mediator sees her page...
    const file = await getLearnerFile(db, mediator, learner.id);
    expect(file.cardNeedsConsent).toBe(true);
    // ...but it gives no power over her account.
    const refused = await issueAccessCard(db, mediator, learner.id).catch((e) => e);
    expect(refused.init.status).toBe(409);
    expect(refused.data.messageKey).toBe("mediation:errors.card_needs_consent");
    expect(serverT("fr")(refused.data.messageKey)).toContain("avec son accord");
    expect(serverT("en")(refused.data.messageKey)).toContain("with their agreement");
    expect(await db.selectFrom("access_card").select("id").where("user_id", "=", learner.id).execute()).toEqual([]);
    expect(await mailsTo(learner.id)).toEqual([]);
    // A coordinator is held to the same rule.
    expect(await statusOf(issueAccessCard(db, coordinator, learner.id))).toBe(409);
    // Her password still signs her in; nothing changed.
    expect((await signIn(db, { email: learner.email!, password: TEST_PASSWORD }, meta)).user.id).toBe(learner.id);
  });

  it("prints a card for an assisted account (no address, no password), with no mail to send", async () => {
    const learner = await createAssistedAccount(db, mediator, {
      firstName: "Marcel",
      lastName: null,
      ageBand: "soixante_dix_plus",
      commune: "Creil",
      communeInsee: "60175",
      audience: "seniors",
      givenBy: "personne",
      representativeName: null,
      explained: ["donnees_collectees", "finalites", "acces_mediateurs", "duree_conservation", "droits"],
      consentNotes: null,
    });
    expect((await getLearnerFile(db, mediator, learner.id)).cardNeedsConsent).toBe(false);
    const { code } = await issueAccessCard(db, mediator, learner.id);
    expect((await signInWithAccessCard(db, code, meta)).user.id).toBe(learner.id);
    const [card] = await db.selectFrom("access_card").selectAll().where("user_id", "=", learner.id).execute();
    expect(card).toMatchObject({ issued_by: mediator.id, consent_id: null });
    expect(await mailsTo(learner.id)).toEqual([]);
  });

  it("an assisted account that got its own address and password needs the person's agreement for a new card", async () => {
    const learner = await createAssistedAccount(db, mediator, {
      firstName: "Gisèle",
      lastName: null,
      ageBand: "soixante_dix_plus",
      commune: null,
      communeInsee: null,
      audience: "seniors",
      givenBy: "personne",
      representativeName: null,
      explained: ["donnees_collectees", "finalites", "acces_mediateurs", "duree_conservation", "droits"],
      consentNotes: null,
    });
    await addEmailAndPassword(db, learner, { email: `gisele-${Date.now()}@exemple.fr`, password: TEST_PASSWORD });
    expect(await statusOf(issueAccessCard(db, mediator, learner.id))).toBe(409);
  });

  it("with the person's recorded agreement the card is printed, names the agreement, and a mail tells her", async () => {
    const learner = await selfRegisteredLearnerTickedPresent("Huguette");
    const consent = await recordCardConsent(db, mediator, learner.id, cardConsent);
    expect(consent).toMatchObject({ user_id: learner.id, recorded_by: mediator.id, given_by: "personne", explained: [...CARD_POINTS] });
    expect(consent.recorded_at).toBeInstanceOf(Date);
    const file = await getLearnerFile(db, mediator, learner.id);
    expect(file.cardNeedsConsent).toBe(false);
    expect(file.cardConsents.map((c) => c.recorder_first_name)).toEqual(["Mathieu"]);

    const { code } = await issueAccessCard(db, mediator, learner.id);
    expect((await signInWithAccessCard(db, code, meta)).user.id).toBe(learner.id);
    const [card] = await db.selectFrom("access_card").selectAll().where("user_id", "=", learner.id).execute();
    expect(card).toMatchObject({ consent_id: consent.id, issued_by: mediator.id });
    const mails = await mailsTo(learner.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to_address: learner.email, status: "pending", subject: "Une carte d'accès a été imprimée pour votre compte Passerelle" });
    expect(mails[0]!.text_body).toContain("Mathieu a imprimé le");
    expect(mails[0]!.text_body).toContain("sans votre mot de passe");
    // Her password keeps working.
    expect((await signIn(db, { email: learner.email!, password: TEST_PASSWORD }, meta)).user.id).toBe(learner.id);
    // A second card, a second mail.
    await issueAccessCard(db, mediator, learner.id);
    expect(await mailsTo(learner.id)).toHaveLength(2);
  });

  it("recording an agreement takes the helped relation and every point explained", async () => {
    const learner = await selfRegisteredLearnerTickedPresent("Odette");
    expect(await statusOf(recordCardConsent(db, otherMediator, learner.id, cardConsent))).toBe(403);
    const stranger = await createUser(db);
    expect(await statusOf(recordCardConsent(db, mediator, stranger.id, cardConsent))).toBe(403);
    const partial = CardConsentSchema.safeParse({ intent: "card_consent", givenBy: "personne", explained: ["carte_connexion"] });
    expect(partial.error?.issues.map((i) => i.message)).toEqual(["mediation:errors.card_consent_incomplete"]);
    expect(LearnerFileSchema.safeParse({ intent: "card_consent", givenBy: "representant_legal", explained: [...CARD_POINTS] }).error?.issues.map((i) => i.message)).toEqual([
      "mediation:errors.representative_name_required",
    ]);
  });

  it("pupil cards follow the same rule: a pupil account with its own address is refused", async () => {
    const teacher = await createUser(db, { role: "teacher", firstName: "Tom" });
    const pupil = await createUser(db, { email: null, firstName: "Léa", createdBy: teacher.id });
    await db.transaction().execute((trx) => issuePupilCard(trx, pupil.id, teacher));
    const independent = await createUser(db, { firstName: "Lucas", createdBy: teacher.id });
    await expect(db.transaction().execute((trx) => issuePupilCard(trx, independent.id, teacher))).rejects.toMatchObject({ data: { code: "card_needs_consent" } });
  });
});

describe("the coordinators see every card", () => {
  it("lists each card with its holder, issuer, date, basis and state; only for coordinators", async () => {
    const list = await listAccessCards(db, coordinator, 1);
    expect(list.total).toBeGreaterThanOrEqual(4);
    const withConsent = list.cards.find((c) => c.holder_first_name === "Huguette" && c.revoked_at === null);
    expect(withConsent).toMatchObject({ issuer_first_name: "Mathieu", last_used_at: null });
    expect(withConsent!.consent_id).not.toBeNull();
    const replaced = list.cards.find((c) => c.holder_first_name === "Huguette" && c.revoked_at !== null);
    expect(replaced).toMatchObject({ revoker_first_name: "Mathieu" });
    expect(list.cards.find((c) => c.holder_first_name === "Marcel")).toMatchObject({ consent_id: null, issuer_first_name: "Mathieu" });
    // Newest first.
    const dates = list.cards.map((c) => c.issued_at.getTime());
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(await statusOf(listAccessCards(db, mediator, 1))).toBe(403);
  });
});
