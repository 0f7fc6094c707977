import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { activityFormData, exportActivityCsv, getActivityForEdit, listActivityLog, recordAccompaniment, todayInParis, updateAccompaniment } from "../../app/features/mediation/activity.server";
import { learnerChoices } from "../../app/features/mediation/learners.server";
import { ActivitySchema } from "../../app/features/mediation/schemas";
import { bookSeat } from "../../app/features/workshops/booking.server";
import { addWalkIn, getCheckInList, getSignInSheet, setPresence } from "../../app/features/workshops/checkin.server";
import { getWorkshopRecord, listWorkshopAttendance } from "../../app/features/workshops/record.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

let db: Db;
let mediator: User;
let coordinator: User;
let spaceId: string;

async function workshop(seats = 3, startsInMs = 2 * 3_600_000) {
  const w = await db
    .insertInto("workshop")
    .values({
      title: "Créer son adresse e-mail",
      themes: ["email", "navigation_sur_internet"],
      level: "debutant",
      relay_space_id: spaceId,
      starts_at: new Date(Date.now() + startsInMs),
      ends_at: new Date(Date.now() + startsInMs + 90 * 60_000),
      seats,
      created_by: mediator.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto("workshop_mediator").values({ workshop_id: w.id, user_id: mediator.id }).execute();
  return w;
}

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator", firstName: "Amina" });
  coordinator = await createUser(db, { role: "coordinator" });
  const space = await db
    .insertInto("relay_space")
    .values({ slug: `act-${Date.now()}`, name: "Centre social", commune: "Verneuil-en-Halatte", postal_code: "60550", address: "12 rue Victor Hugo" })
    .returning("id")
    .executeTakeFirstOrThrow();
  spaceId = space.id;
});

describe("check-in", () => {
  it("ticking a booked person writes their attendance and pre-fills the mediator's collective log entry", async () => {
    const w = await workshop();
    const [a, b] = [await createUser(db, { firstName: "Josette" }), await createUser(db, { firstName: "Marcel" })];
    await db.updateTable("app_user").set({ age_band: "soixante_dix_plus", commune: "Rieux" }).where("id", "=", a.id).execute();
    await bookSeat(db, a, w.id);
    await bookSeat(db, b, w.id);

    await setPresence(db, mediator, w.id, a.id, true);
    await setPresence(db, mediator, w.id, a.id, true); // twice: still one attendance, one beneficiary
    await setPresence(db, mediator, w.id, b.id, true);

    const attendance = await listWorkshopAttendance(db, a.id);
    expect(attendance).toEqual([expect.objectContaining({ workshopId: w.id, themes: ["email", "navigation_sur_internet"], level: "debutant", place: "Centre social" })]);
    const record = await getWorkshopRecord(db, a);
    expect(record.attended.map((r) => r.workshopId)).toEqual([w.id]);

    const entries = await db.selectFrom("mediation_activity").selectAll().where("workshop_id", "=", w.id).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ mediator_id: mediator.id, activity_type: "collectif", place_type: "lieu_activite", relay_space_id: spaceId, duration_minutes: 90, themes: ["email", "navigation_sur_internet"], needs_review: true });
    const people = await db.selectFrom("mediation_beneficiary").selectAll().where("activity_id", "=", entries[0]!.id).execute();
    expect(people.map((p) => p.user_id).sort()).toEqual([a.id, b.id].sort());
    expect(people.find((p) => p.user_id === a.id)).toMatchObject({ age_band: "soixante_dix_plus", commune: "Rieux" });

    // Unticking removes the person from both.
    await setPresence(db, mediator, w.id, b.id, false);
    expect(await listWorkshopAttendance(db, b.id)).toEqual([]);
    expect(await db.selectFrom("mediation_beneficiary").select("user_id").where("activity_id", "=", entries[0]!.id).execute()).toEqual([{ user_id: a.id }]);

    // The entry shows in the mediator's log, for review; the people checked in become "accompanied".
    const log = await listActivityLog(db, mediator, {}, 1);
    expect(log.entries.find((e) => e.workshop_id === w.id)).toMatchObject({ needs_review: true, people: 1 });
    expect((await learnerChoices(db, mediator)).people.map((l) => l.id)).toContain(a.id);

    // Reviewing keeps the people and clears the flag.
    const form = await getActivityForEdit(db, mediator, entries[0]!.id);
    expect(form.beneficiaries.map((x) => x.first_name)).toEqual(["Josette"]);
    await updateAccompaniment(db, mediator, entries[0]!.id, ActivitySchema.parse({ activityType: "collectif", activityDate: "2026-11-30", durationMinutes: 90, placeType: "lieu_activite", relaySpaceId: spaceId, themes: ["email"], autonomy: "partiellement_autonome", anonymousParticipants: 2 }));
    const reviewed = await db.selectFrom("mediation_activity").selectAll().where("id", "=", entries[0]!.id).executeTakeFirstOrThrow();
    expect(reviewed).toMatchObject({ needs_review: false, autonomy: "partiellement_autonome", anonymous_participants: 2 });
    expect(await db.selectFrom("mediation_beneficiary").select("user_id").where("activity_id", "=", reviewed.id).execute()).toEqual([{ user_id: a.id }]);
  });

  it("adds walk-ins while seats remain, then only with the over-capacity confirmation; a waitlisted person who comes gets a free seat", async () => {
    const w = await workshop(2);
    const booked = await createUser(db, { firstName: "Réservé" });
    const walkIn = await createUser(db, { email: null, firstName: "Sans résa", createdBy: mediator.id });
    const tooMany = await createUser(db, { email: null, firstName: "En trop", createdBy: mediator.id });
    await bookSeat(db, booked, w.id);
    await addWalkIn(db, mediator, w.id, walkIn.id);
    const list = await getCheckInList(db, mediator, w.id);
    expect(list.seatsLeft).toBe(0);
    expect(list.participants.find((p) => p.userId === walkIn.id)).toMatchObject({ status: "confirmed", present: true });
    const error = await addWalkIn(db, mediator, w.id, tooMany.id).catch((e) => e);
    expect(error.data).toMatchObject({ code: "over_capacity", values: { userId: tooMany.id, taken: 3, seats: 2 } });
    const walkInRow = await db.selectFrom("attendance").selectAll().where("user_id", "=", walkIn.id).executeTakeFirstOrThrow();
    expect(walkInRow.walk_in).toBe(true);

    // A waitlisted person: ticked only if a seat is free.
    const w2 = await workshop(1);
    const first = await createUser(db);
    const second = await createUser(db);
    await bookSeat(db, first, w2.id);
    await bookSeat(db, second, w2.id);
    const refused = await setPresence(db, mediator, w2.id, second.id, true).catch((e) => e);
    expect(refused.data.code).toBe("over_capacity");
    await db.updateTable("workshop").set({ seats: 2 }).where("id", "=", w2.id).execute();
    await setPresence(db, mediator, w2.id, second.id, true);
    const seats = await db.selectFrom("booking").select("status").where("workshop_id", "=", w2.id).execute();
    expect(seats.map((s) => s.status)).toEqual(["confirmed", "confirmed"]);
  });

  it("opens the day before and refuses people who are not booked; the sign-in sheet lists people and blank lines", async () => {
    const far = await workshop(4, 3 * 86_400_000);
    const person = await createUser(db);
    await bookSeat(db, person, far.id);
    const early = await setPresence(db, mediator, far.id, person.id, true).catch((e) => e);
    expect(early.data.messageKey).toBe("workshops:errors.check_in_not_open");
    const w = await workshop(4);
    const notBooked = await setPresence(db, mediator, w.id, person.id, true).catch((e) => e);
    expect(notBooked.data.messageKey).toBe("workshops:errors.not_booked");
    await bookSeat(db, person, w.id);
    const sheet = await getSignInSheet(db, mediator, w.id);
    expect(sheet.people).toEqual(["Test"]);
    expect(sheet.blankLines).toBe(3);
  });
});

describe("activity log", () => {
  it("fills in 30 seconds: today, the usual place, 30 minutes by default", async () => {
    const data = await activityFormData(db, mediator);
    expect(data.defaults.activityDate).toBe(todayInParis());
    expect(data.defaults.durationMinutes).toBe(30);
    expect(data.defaults.relaySpaceId).toBe(spaceId); // the place of the workshops they led
  });

  it("starts from her habits: the last duration, her most used themes first, « comme la dernière fois » from her last hand-written entry", async () => {
    const m = await createUser(db, { role: "mediator", firstName: "Inès" });
    const entry = (themes: string[], durationMinutes: number, autonomy = "autonome") =>
      recordAccompaniment(
        db,
        m,
        ActivitySchema.parse({ activityType: "individuel", activityDate: todayInParis(), durationMinutes, placeType: "lieu_activite", relaySpaceId: spaceId, themes, autonomy }),
      );
    const fresh = await activityFormData(db, m);
    expect(fresh).toMatchObject({ usualThemes: [], hasLastEntry: false, fromLast: null });
    expect(fresh.defaults.durationMinutes).toBe(30);
    await entry(["sante", "email"], 45);
    await entry(["sante"], 45);
    await entry(["logement", "email", "sante"], 60, "partiellement_autonome");
    const form = await activityFormData(db, m);
    expect(form.defaults.durationMinutes).toBe(60);
    expect(form.usualThemes).toEqual(["sante", "email", "logement"]);
    expect(form.fromLast).toBeNull();
    const like = await activityFormData(db, m, { likeLast: true });
    expect(like.fromLast).toMatchObject({ activityType: "individuel", themes: ["logement", "email", "sante"], autonomy: "partiellement_autonome", relaySpaceId: spaceId });
    // Nothing about the person or the notes is carried over.
    expect(Object.keys(like.fromLast!)).not.toEqual(expect.arrayContaining(["learnerId"]));
  });

  it("records individual and collective entries with national codes, totals them, and exports CSV for coordinators", async () => {
    const m = await createUser(db, { role: "mediator", firstName: "Zoé" });
    const learner = await createUser(db, { email: null, firstName: "Linked", createdBy: m.id });
    await db.updateTable("app_user").set({ age_band: "quarante_cinquante_neuf", commune: "Rieux" }).where("id", "=", learner.id).execute();
    const today = todayInParis();
    await recordAccompaniment(db, m, ActivitySchema.parse({
      activityType: "individuel", activityDate: today, durationMinutes: 30, placeType: "lieu_activite", relaySpaceId: spaceId,
      equipment: ["ordinateur"], themes: ["aide_aux_demarches_administratives", "email"], autonomy: "entierement_accompagne",
      redirection: "administration", learnerId: learner.id, socialStatus: "sans_emploi",
    }));
    await recordAccompaniment(db, m, ActivitySchema.parse({
      activityType: "individuel", activityDate: today, durationMinutes: 45, placeType: "domicile", placeCommune: "Rieux",
      themes: ["sante"], gender: "feminin", ageBand: "soixante_dix_plus", notes: "=HYPERLINK(\"http://evil\")",
    }));
    await recordAccompaniment(db, m, ActivitySchema.parse({
      activityType: "collectif", activityDate: today, durationMinutes: 120, placeType: "a_distance", themes: ["securite_numerique"], anonymousParticipants: 6,
    }));
    const log = await listActivityLog(db, m, {}, 1);
    expect(log.entries).toHaveLength(3);
    expect(log.totals.month).toEqual({ individual: 2, collective: 1, minutes: 195, people: 8 });
    const linked = await db.selectFrom("mediation_beneficiary").selectAll().where("user_id", "=", learner.id).executeTakeFirstOrThrow();
    expect(linked).toMatchObject({ age_band: "quarante_cinquante_neuf", commune: "Rieux", social_status: "sans_emploi" });

    const filtered = await listActivityLog(db, coordinator, { mediator: m.id, theme: "sante" }, 1);
    expect(filtered.entries).toHaveLength(1);
    expect(filtered.totals.filtered.individual).toBe(1);

    const csv = await exportActivityCsv(db, coordinator, { mediator: m.id }, "fr");
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("date;mediateur;type_activite;duree_minutes;type_lieu;lieu;commune;materiel;thematiques;thematiques_libelles;autonomie;structure_de_redirection;personnes;atelier");
    expect(lines).toHaveLength(4);
    expect(csv).toContain("aide_aux_demarches_administratives|email");
    expect(csv).toContain("Aide aux démarches administratives|E-mail");
    expect(csv).not.toContain("Linked"); // no names of beneficiaries
    expect(csv).not.toContain("HYPERLINK"); // notes are not exported
  });

  it("neutralises formula cells in the export", async () => {
    const m = await createUser(db, { role: "mediator", firstName: "=cmd|' /C calc'!A0" });
    await recordAccompaniment(db, m, ActivitySchema.parse({ activityType: "individuel", activityDate: "2026-11-02", durationMinutes: 15, placeType: "autre", placeCommune: "+33 Rieux", themes: ["email"] }));
    const csv = await exportActivityCsv(db, coordinator, { mediator: m.id }, "fr");
    expect(csv).toContain(`"'=cmd|' /C calc'!A0"`);
    expect(csv).toContain(`"'+33 Rieux"`);
    expect(csv).not.toMatch(/[,;]=|[,;]\+|[,;]-|[,;]@/);
  });
});
