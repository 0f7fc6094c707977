import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { issueAccessCard, revokeAccessCard, signInWithAccessCard } from "../../app/features/mediation/access-card.server";
import { formatAccessCode } from "../../app/features/mediation/access-code";
import { getActivityForEdit, listActivityLog, exportActivityCsv, recordAccompaniment, updateAccompaniment } from "../../app/features/mediation/activity.server";
import { renderAccessCard } from "../../app/features/mediation/card-pdf.server";
import { pdfToText } from "../helpers/pdf-check";
import { addEmailAndPassword, createAssistedAccount, getLearnerFile, learnerChoices, listHelpedLearners } from "../../app/features/mediation/learners.server";
import { ActivitySchema, AssistedAccountSchema } from "../../app/features/mediation/schemas";
import { bookSeat, getBookingList } from "../../app/features/workshops/booking.server";
import { getCheckInList, setPresence } from "../../app/features/workshops/checkin.server";
import { FieldError } from "../../app/lib/errors";
import { exportPersonalData, signIn } from "../../app/features/accounts/service.server";
import { validateSessionToken } from "../../app/lib/session.server";
import { CARD_LIMIT_PER_ADDRESS } from "../../app/lib/throttle.server";
import { testDb } from "../helpers/db";
import { createUser, TEST_PASSWORD } from "../helpers/fixtures";

let db: Db;
let mediatorA: User;
let mediatorB: User;
let coordinator: User;

const consent = {
  givenBy: "personne" as const,
  representativeName: null,
  explained: ["donnees_collectees", "finalites", "acces_mediateurs", "duree_conservation", "droits"] as (
    | "donnees_collectees"
    | "finalites"
    | "acces_mediateurs"
    | "duree_conservation"
    | "droits"
  )[],
  consentNotes: "Expliqué avec le dépliant.",
};

const newLearner = (actor: User, firstName = "Josette") =>
  createAssistedAccount(db, actor, {
    firstName,
    lastName: null,
    ageBand: "soixante_dix_plus",
    commune: "Rieux",
    communeInsee: "60537",
    audience: "seniors",
    ...consent,
  });

const meta = (ip: string) => ({ ip, userAgent: "vitest" });
const expectStatus = async (promise: Promise<unknown>, status: number) => {
  const error = await promise.then(
    () => null,
    (e) => e,
  );
  expect(error?.init?.status, JSON.stringify(error?.data ?? error?.message)).toBe(status);
};

beforeAll(async () => {
  db = await testDb();
  mediatorA = await createUser(db, { role: "mediator", firstName: "Amina" });
  mediatorB = await createUser(db, { role: "mediator", firstName: "Bruno" });
  coordinator = await createUser(db, { role: "coordinator", firstName: "Claire" });
});

describe("assisted accounts", () => {
  it("creates a learner without email, with the consent recorded (who, when, what was explained)", async () => {
    const learner = await newLearner(mediatorA);
    expect(learner).toMatchObject({ email: null, password_hash: null, role: "learner", created_by: mediatorA.id, age_band: "soixante_dix_plus", commune_insee: "60537", audience: "seniors" });
    const file = await getLearnerFile(db, mediatorA, learner.id);
    expect(file.consents).toHaveLength(1);
    expect(file.consents[0]).toMatchObject({ recorded_by: mediatorA.id, given_by: "personne", explained: consent.explained, recorder_first_name: "Amina" });
    expect(file.consents[0]!.recorded_at).toBeInstanceOf(Date);
  });

  it("needs every point explained, and a legal representative for a minor", () => {
    const base = { firstName: "Léo", ageBand: "douze_dix_huit", audience: "jeunes", givenBy: "personne", explained: consent.explained };
    const minor = AssistedAccountSchema.safeParse(base);
    expect(minor.error?.issues.map((i) => i.message)).toEqual(["mediation:errors.minor_needs_representative"]);
    const unnamed = AssistedAccountSchema.safeParse({ ...base, givenBy: "representant_legal" });
    expect(unnamed.error?.issues.map((i) => i.message)).toEqual(["mediation:errors.representative_name_required"]);
    expect(AssistedAccountSchema.safeParse({ ...base, givenBy: "representant_legal", representativeName: "Sa mère" }).success).toBe(true);
    const partial = AssistedAccountSchema.safeParse({ ...base, ageBand: "soixante_dix_plus", explained: ["finalites"] });
    expect(partial.error?.issues.map((i) => i.message)).toEqual(["mediation:errors.consent_incomplete"]);
  });

  it("lets the learner add an email and a password later, once", async () => {
    const learner = await newLearner(mediatorA, "Gisèle");
    const email = `gisele-${Date.now()}@exemple.fr`;
    await addEmailAndPassword(db, learner, { email, password: TEST_PASSWORD });
    const { user } = await signIn(db, { email, password: TEST_PASSWORD }, meta("198.51.100.7"));
    expect(user.id).toBe(learner.id);
    await expectStatus(addEmailAndPassword(db, { ...learner, email }, { email: "autre@exemple.fr", password: TEST_PASSWORD }), 409);
    const other = await newLearner(mediatorA, "Paulette");
    await expect(addEmailAndPassword(db, other, { email, password: TEST_PASSWORD })).rejects.toBeInstanceOf(FieldError);
  });
});

describe("access cards", () => {
  it("sign in with the typed code (any spacing or case); revoked and replaced cards fail with a clear message", async () => {
    const learner = await newLearner(mediatorA, "Raymond");
    const { code } = await issueAccessCard(db, mediatorA, learner.id);
    // Stored hashed only.
    const rows = await db.selectFrom("access_card").selectAll().where("user_id", "=", learner.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.code_hash).not.toContain(code);
    expect(rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);

    const typed = formatAccessCode(code).toLowerCase().replace("-", " - ");
    const { user, token } = await signInWithAccessCard(db, typed, meta("203.0.113.1"));
    expect(user.id).toBe(learner.id);
    expect((await validateSessionToken(db, token))?.user.id).toBe(learner.id);

    // A new card: the old code stops working, with the "revoked" message.
    const second = await issueAccessCard(db, mediatorA, learner.id);
    await expect(signInWithAccessCard(db, code, meta("203.0.113.1"))).rejects.toMatchObject({ messageKey: "mediation:errors.card_revoked" });
    await signInWithAccessCard(db, second.code, meta("203.0.113.1"));

    // Revoking: the code fails and sessions opened elsewhere end.
    expect(await revokeAccessCard(db, mediatorA, learner.id)).toBe(1);
    expect(await validateSessionToken(db, token)).toBeNull();
    await expect(signInWithAccessCard(db, second.code, meta("203.0.113.1"))).rejects.toMatchObject({ messageKey: "mediation:errors.card_revoked" });
    await expect(signInWithAccessCard(db, "ZZZZZ-ZZZZZ", meta("203.0.113.1"))).rejects.toMatchObject({ messageKey: "mediation:errors.card_code_unknown" });
  });

  it("throttles card sign-ins per address after 10 failures, even with a good code", async () => {
    const learner = await newLearner(mediatorA, "Huguette");
    const { code } = await issueAccessCard(db, mediatorA, learner.id);
    for (let i = 0; i < CARD_LIMIT_PER_ADDRESS; i++) {
      await expect(signInWithAccessCard(db, `WRONG${i}`, meta("192.0.2.99"))).rejects.toBeInstanceOf(FieldError);
    }
    await expectStatus(signInWithAccessCard(db, code, meta("192.0.2.99")), 429);
    // Another address is not affected.
    await signInWithAccessCard(db, code, meta("192.0.2.100"));
    const counter = await db.selectFrom("throttle_counter").selectAll().where("throttle_key", "=", "card:ip:192.0.2.99").executeTakeFirstOrThrow();
    expect(counter.attempts).toBe(CARD_LIMIT_PER_ADDRESS + 1);
  });

  it("prints a PDF card with the first name and the code (read back by pdftotext)", async () => {
    const pdf = await renderAccessCard({ firstName: "Josette", code: "K7QM2X9RTA", siteUrl: "https://passerelle.example", locale: "fr" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfToText(pdf);
    expect(text).toContain("Josette");
    expect(text).toContain("K7QM2-X9RTA");
  });
});

describe("who sees whom (acceptance 6)", () => {
  it("a mediator cannot see or help another mediator's beneficiaries", async () => {
    const mine = await newLearner(mediatorA, "Simone");
    await expectStatus(getLearnerFile(db, mediatorB, mine.id), 403);
    await expectStatus(issueAccessCard(db, mediatorB, mine.id), 403);
    await expectStatus(revokeAccessCard(db, mediatorB, mine.id), 403);
    const listB = await listHelpedLearners(db, mediatorB, { page: 1 });
    expect(listB.learners.map((l) => l.id)).not.toContain(mine.id);
    expect((await learnerChoices(db, mediatorB)).people.map((l) => l.id)).not.toContain(mine.id);
    // Nor link them in an activity entry.
    const input = ActivitySchema.parse({ activityType: "individuel", activityDate: "2026-11-20", durationMinutes: 30, placeType: "a_distance", themes: ["email"], learnerId: mine.id });
    await expectStatus(recordAccompaniment(db, mediatorB, input), 403);
    // Their own creator and the coordinators can.
    expect((await getLearnerFile(db, mediatorA, mine.id)).learner.id).toBe(mine.id);
    expect((await getLearnerFile(db, coordinator, mine.id)).learner.id).toBe(mine.id);
    expect((await listHelpedLearners(db, mediatorA, { page: 1 })).learners.map((l) => l.id)).toContain(mine.id);
  });

  it("accompanying someone (log entry) makes them visible to that mediator", async () => {
    const someone = await newLearner(mediatorA, "Yvette");
    await expectStatus(getLearnerFile(db, mediatorB, someone.id), 403);
    // Mediator B helps her with an anonymous entry: still not linked. Mediator A links her: A only.
    const input = ActivitySchema.parse({ activityType: "individuel", activityDate: "2026-11-20", durationMinutes: 30, placeType: "a_distance", themes: ["email"], learnerId: someone.id });
    await recordAccompaniment(db, mediatorA, input);
    await expectStatus(getLearnerFile(db, mediatorB, someone.id), 403);
  });

  it("a mediator cannot read or change another mediator's log entries, and exports only her own", async () => {
    const input = ActivitySchema.parse({ activityType: "individuel", activityDate: "2026-11-21", durationMinutes: 45, placeType: "a_distance", themes: ["sante"], notes: "=1+1" });
    const entry = await recordAccompaniment(db, mediatorA, input);
    await expectStatus(getActivityForEdit(db, mediatorB, entry.id), 403);
    await expectStatus(updateAccompaniment(db, mediatorB, entry.id, input), 403);
    const logB = await listActivityLog(db, mediatorB, { mediator: mediatorA.id }, 1);
    expect(logB.entries.map((e) => e.id)).not.toContain(entry.id);
    expect(logB.seeAll).toBe(false);
    const logA = await listActivityLog(db, mediatorA, {}, 1);
    expect(logA.entries.map((e) => e.id)).toContain(entry.id);
    const ownCsv = await exportActivityCsv(db, mediatorA, {}, "fr");
    expect(ownCsv).toContain("45");
    const csvB = await exportActivityCsv(db, mediatorB, { mediator: mediatorA.id }, "fr");
    expect(csvB.split(/\r?\n/).filter(Boolean)).toHaveLength(1); // the header only: A's entry is not hers
    const all = await listActivityLog(db, coordinator, { mediator: mediatorA.id }, 1);
    expect(all.entries.every((e) => e.mediator_id === mediatorA.id)).toBe(true);
    expect(all.entries.map((e) => e.id)).toContain(entry.id);
    const learner = await createUser(db);
    await expectStatus(listActivityLog(db, learner, {}, 1), 403);
  });

  it("a learner cannot see a workshop's booking list; a mediator sees only the lists of workshops they lead", async () => {
    const space = await db
      .insertInto("relay_space")
      .values({ slug: `auth-${Date.now()}`, name: "Lieu", commune: "Rieux", postal_code: "60870", address: "1 place" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const workshop = await db
      .insertInto("workshop")
      .values({ title: "Atelier de A", themes: ["email"], level: "debutant", relay_space_id: space.id, starts_at: new Date(Date.now() + 3_600_000), ends_at: new Date(Date.now() + 7_200_000), seats: 5, created_by: mediatorA.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db.insertInto("workshop_mediator").values({ workshop_id: workshop.id, user_id: mediatorA.id }).execute();
    const learner = await createUser(db);
    await bookSeat(db, learner, workshop.id);
    await expectStatus(getBookingList(db, learner, workshop.id), 403);
    await expectStatus(getCheckInList(db, learner, workshop.id), 403);
    await expectStatus(setPresence(db, learner, workshop.id, learner.id, true), 403);
    await expectStatus(getBookingList(db, mediatorB, workshop.id), 403);
    await expectStatus(bookSeat(db, mediatorB, workshop.id, { forUserId: learner.id }), 403);
    expect((await getBookingList(db, mediatorA, workshop.id)).bookings.map((b) => b.user_id)).toEqual([learner.id]);
    expect((await getBookingList(db, coordinator, workshop.id)).bookings).toHaveLength(1);
    // A mediator books by phone only for people they help.
    const stranger = await createUser(db);
    await expectStatus(bookSeat(db, mediatorA, workshop.id, { forUserId: stranger.id }), 403);
    const helped = await newLearner(mediatorA, "Lucette");
    const { booking } = await bookSeat(db, mediatorA, workshop.id, { forUserId: helped.id });
    expect(booking).toMatchObject({ user_id: helped.id, booked_by: mediatorA.id, status: "confirmed" });
  });
});

describe("personal data", () => {
  it("the export holds the person's consent, cards, bookings and accompaniments; deletion keeps only an anonymous profile in the log", async () => {
    const learner = await newLearner(mediatorA, "Germaine");
    await issueAccessCard(db, mediatorA, learner.id);
    await recordAccompaniment(
      db,
      mediatorA,
      ActivitySchema.parse({ activityType: "individuel", activityDate: "2026-11-22", durationMinutes: 30, placeType: "a_distance", themes: ["email"], learnerId: learner.id }),
    );
    const data = (await exportPersonalData(db, learner)) as Record<string, Record<string, unknown[] | unknown>>;
    expect(data.mediation!.consents).toHaveLength(1);
    expect(data.mediation!.accessCards).toHaveLength(1);
    expect(JSON.stringify(data.mediation!.accessCards)).not.toContain("code_hash");
    expect(data.mediation!.accompaniments).toEqual([expect.objectContaining({ themes: ["email"], duration_minutes: 30 })]);
    expect(data.workshops).toMatchObject({ bookings: [], attendance: [] });

    await db.deleteFrom("app_user").where("id", "=", learner.id).execute();
    const left = await db
      .selectFrom("mediation_beneficiary")
      .innerJoin("mediation_activity", "mediation_activity.id", "mediation_beneficiary.activity_id")
      .select(["mediation_beneficiary.user_id", "mediation_beneficiary.age_band", "mediation_beneficiary.commune"])
      .where("mediation_activity.activity_date", "=", new Date("2026-11-22"))
      .where("mediation_activity.mediator_id", "=", mediatorA.id)
      .execute();
    expect(left).toContainEqual({ user_id: null, age_band: "soixante_dix_plus", commune: "Rieux" });
    expect(await db.selectFrom("access_card").select("id").where("user_id", "=", learner.id).execute()).toEqual([]);
  });
});

