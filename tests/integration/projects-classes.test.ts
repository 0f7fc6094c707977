import { describe, expect, it } from "vitest";
import { closeJoining, createClass, getClassPage, joinClass, renewJoinCode } from "../../app/features/projects/classes.server";
import { emailConsentForm, getConsentPage, isProfileVisible, mayMessage, pupilStanding, recordConsent } from "../../app/features/projects/consent.server";
import { createProject, getProjectPage } from "../../app/features/projects/projects.server";
import { DEMO_CLASS_NAME, seedProjects } from "../../app/features/projects/seed.server";
import { chooseTeam, createTeam, getTeamSpace } from "../../app/features/projects/teams.server";
import { FieldError } from "../../app/lib/errors";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { classWithTeams, OLD_ENOUGH, pupilJoins, statusOf, UNDER_15 } from "./projects-fixtures";

async function aClass() {
  const db = await testDb();
  const teacher = await createUser(db, { role: "teacher", firstName: "Thomas" });
  const schoolClass = await createClass(db, teacher, { name: "5e A", school: "Collège", level: "cinquieme", schoolYear: "2026-2027" });
  return { db, teacher, schoolClass };
}

describe("joining a class with its code", () => {
  it("gives a QR code and a join link, and lets a pupil in once, in any spelling of the code", async () => {
    const { db, teacher, schoolClass } = await aClass();
    const page = await getClassPage(db, teacher, schoolClass.id);
    if (page.kind !== "teacher" || !page.join) throw new Error("expected the teacher's page with a code");
    expect(page.join.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(page.join.url).toContain(`/classes-scolaires/rejoindre?code=${page.join.code}`);
    expect(page.join.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(page.join.qr.split(",")[1]!, "base64").toString()).toContain("<svg");

    const pupil = await createUser(db, { firstName: "Léa" });
    const typed = page.join.code.toLowerCase().replace("-", " ");
    await expect(joinClass(db, pupil, { code: typed, birthDate: UNDER_15 }, { ip: null })).resolves.toEqual({ classId: schoolClass.id, alreadyMember: false });
    await expect(joinClass(db, pupil, { code: page.join.code }, { ip: null })).resolves.toEqual({ classId: schoolClass.id, alreadyMember: true });
    const seats = await db.selectFrom("class_pupil").select("number").where("class_id", "=", schoolClass.id).execute();
    expect(seats).toEqual([{ number: 1 }]);
  });

  it("asks a birth date the first time, refuses staff, unknown and closed codes, and throttles guessing", async () => {
    const { db, teacher, schoolClass } = await aClass();
    const pupil = await createUser(db);
    const noDate = await joinClass(db, pupil, { code: schoolClass.join_code! }, { ip: null }).catch((e) => e);
    expect(noDate).toBeInstanceOf(FieldError);
    expect((noDate as FieldError).field).toBe("birthDate");
    expect(await statusOf(joinClass(db, teacher, { code: schoolClass.join_code!, birthDate: OLD_ENOUGH }, { ip: null }))).toBe(403);

    await closeJoining(db, teacher, schoolClass.id);
    const closed = await joinClass(db, pupil, { code: schoolClass.join_code!, birthDate: OLD_ENOUGH }, { ip: null }).catch((e) => e);
    expect(closed).toBeInstanceOf(FieldError);
    await renewJoinCode(db, teacher, schoolClass.id);
    const renewed = await db.selectFrom("school_class").select("join_code").where("id", "=", schoolClass.id).executeTakeFirstOrThrow();
    expect(renewed.join_code).not.toBe(schoolClass.join_code);

    const guesser = await createUser(db);
    for (let i = 0; i < 10; i++) {
      await expect(joinClass(db, guesser, { code: "AAAA-AAAA", birthDate: OLD_ENOUGH }, { ip: "192.0.2.77" })).rejects.toBeInstanceOf(FieldError);
    }
    expect(await statusOf(joinClass(db, guesser, { code: renewed.join_code!, birthDate: OLD_ENOUGH }, { ip: "192.0.2.78" }))).toBe(429);
  });
});

describe("limited mode of pupils under 15", () => {
  it("hides a limited pupil's name from classmates and restricts messages until consent is recorded", async () => {
    const { db, teacher, schoolClass } = await aClass();
    const lea = await pupilJoins(db, schoolClass, { firstName: "Léa", birthDate: UNDER_15 });
    const noe = await pupilJoins(db, schoolClass, { firstName: "Noé", birthDate: OLD_ENOUGH });
    const outsider = await createUser(db, { firstName: "Inconnu" });
    const project = await createProject(db, teacher, { classId: schoolClass.id, title: "P", competences: [], teamMode: "choice", maxTeamSize: 2 });
    const team = await createTeam(db, teacher, project.id, "Équipe 1");
    await chooseTeam(db, lea.user, project.id, team.id);
    await chooseTeam(db, noe.user, project.id, team.id);

    expect(await pupilStanding(db, lea.user.id)).toMatchObject({ underAge: true, hasConsent: false, limited: true });
    expect(await pupilStanding(db, noe.user.id)).toMatchObject({ underAge: false, limited: false });
    expect(await isProfileVisible(db, lea.user.id)).toBe(false);
    expect(await mayMessage(db, lea.user.id, noe.user.id)).toBe(true);
    expect(await mayMessage(db, lea.user.id, teacher.id)).toBe(true);
    expect(await mayMessage(db, lea.user.id, outsider.id)).toBe(false);
    expect(await mayMessage(db, noe.user.id, outsider.id)).toBe(true);

    // Noé sees "Élève 1" where Léa is; the teacher sees her name.
    const seenByNoe = await getTeamSpace(db, noe.user, project.id, team.id);
    expect(seenByNoe.members.find((m) => m.seatId === lea.seatId)).toEqual({ seatId: lea.seatId, number: lea.number, name: null });
    expect(JSON.stringify(seenByNoe)).not.toContain("Léa");
    const seenByTeacher = await getTeamSpace(db, teacher, project.id, team.id);
    expect(seenByTeacher.members.find((m) => m.seatId === lea.seatId)?.name).toBe("Léa");

    const consentPage = await getConsentPage(db, teacher, schoolClass.id);
    expect(consentPage.pupils.map((p) => p.seatId)).toEqual([lea.seatId]);
    // A consent for a pupil aged 15 or more is refused; a date in the future too.
    expect(await statusOf(recordConsent(db, teacher, schoolClass.id, { seatId: noe.seatId, givenBy: "M. Petit", method: "paper", givenOn: "2026-11-01" }))).toBe(409);
    expect(await statusOf(recordConsent(db, teacher, schoolClass.id, { seatId: lea.seatId, givenBy: "Mme Martin", method: "paper", givenOn: "2099-01-01" }))).toBe(400);

    await emailConsentForm(db, teacher, schoolClass.id, { seatId: lea.seatId, parentEmail: "parent.martin@exemple.fr" }, "fr");
    const mail = await db.selectFrom("outbox_message").selectAll().where("to_address", "=", "parent.martin@exemple.fr").executeTakeFirstOrThrow();
    expect(mail.subject).toContain("Léa");
    expect(mail.text_body).toContain("5e A");
    expect(mail.text_body).toContain("15 ans");

    await recordConsent(db, teacher, schoolClass.id, { seatId: lea.seatId, givenBy: "Mme Martin", method: "email", givenOn: "2026-11-20" });
    const recorded = await getConsentPage(db, teacher, schoolClass.id);
    expect(recorded.pupils[0]!.consents[0]).toMatchObject({ given_by: "Mme Martin", method: "email", given_on: "2026-11-20", recordedBy: "Thomas" });
    expect(await pupilStanding(db, lea.user.id)).toMatchObject({ limited: false, hasConsent: true });
    expect(await mayMessage(db, lea.user.id, outsider.id)).toBe(true);
    const afterConsent = await getTeamSpace(db, noe.user, project.id, team.id);
    expect(afterConsent.members.find((m) => m.seatId === lea.seatId)?.name).toBe("Léa");
  });
});

describe("teams chosen by pupils", () => {
  it("never lets a team go over its size, even when pupils click at the same time", async () => {
    const { db, teacher, schoolClass } = await aClass();
    const project = await createProject(db, teacher, { classId: schoolClass.id, title: "P", competences: [], teamMode: "choice", maxTeamSize: 2 });
    const team = await createTeam(db, teacher, project.id, "Petite équipe");
    const pupils = await Promise.all(Array.from({ length: 5 }, (_, i) => pupilJoins(db, schoolClass, { firstName: `P${i}` })));
    const outcomes = await Promise.all(pupils.map((p) => statusOf(chooseTeam(db, p.user, project.id, team.id))));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(2);
    expect(outcomes.filter((o) => o === 409)).toHaveLength(3);
    const page = await getProjectPage(db, pupils[0]!.user, project.id);
    expect(page.kind).toBe("pupil");
  });
});

describe("demo data", () => {
  it("seeds a class of the demo teacher with a project, once", async () => {
    const db = await testDb();
    await db
      .insertInto("app_user")
      .values({ email: "enseignant@demo.passerelle.fr", first_name: "Thomas", last_name: "Leroy", role: "teacher" })
      .onConflict((oc) => oc.column("email").doNothing())
      .execute();
    expect(await seedProjects(db)).toEqual({ created: true });
    expect(await seedProjects(db)).toEqual({ created: false });
    const classes = await db.selectFrom("school_class").select("id").where("name", "=", DEMO_CLASS_NAME).execute();
    expect(classes).toHaveLength(1);
    const projects = await db.selectFrom("school_project").select("title").where("class_id", "=", classes[0]!.id).execute();
    expect(projects).toEqual([{ title: "Le tri des déchets dans notre commune" }]);
  });
});

describe("personal data (GDPR)", () => {
  it("exports a pupil's classes, birth date and consent, and deleting the account leaves the seat anonymous", async () => {
    const { db, teacher, schoolClass } = await aClass();
    const pupil = await pupilJoins(db, schoolClass, { firstName: "Inès", birthDate: UNDER_15 });
    await recordConsent(db, teacher, schoolClass.id, { seatId: pupil.seatId, givenBy: "M. Haddad", method: "paper", givenOn: "2026-10-10" });
    const { deleteUserAsCoordinator, exportPersonalData } = await import("../../app/features/accounts/service.server");
    const data = (await exportPersonalData(db, pupil.user)) as { school_projects: { profile: { birth_date: string }; classes: { name: string }[]; consents: { given_by: string }[] } };
    expect(data.school_projects.profile.birth_date).toBe(UNDER_15);
    expect(data.school_projects.classes.map((c) => c.name)).toEqual(["5e A"]);
    expect(data.school_projects.consents.map((c) => c.given_by)).toEqual(["M. Haddad"]);
    const coordinator = await createUser(db, { role: "coordinator" });
    await deleteUserAsCoordinator(db, coordinator, pupil.user.id);
    const seat = await db.selectFrom("class_pupil").select(["user_id", "number"]).where("id", "=", pupil.seatId).executeTakeFirstOrThrow();
    expect(seat).toEqual({ user_id: null, number: pupil.number });
    expect(await db.selectFrom("parental_consent").select("id").where("class_id", "=", schoolClass.id).execute()).toEqual([]);
  });
});

describe("project export", () => {
  it("names pupils by first name only, and limited pupils not at all", async () => {
    const db = await testDb();
    const s = await classWithTeams(db);
    await db.updateTable("app_user").set({ last_name: "Delacroix" }).where("id", "=", s.alice.user.id).execute();
    const young = await pupilJoins(db, s.schoolClass, { firstName: "Capucine", birthDate: UNDER_15 });
    const { assignPupil } = await import("../../app/features/projects/teams.server");
    await assignPupil(db, s.teacher, s.project.id, { seatId: young.seatId, teamId: s.teamB.id });
    const { getProjectExport } = await import("../../app/features/projects/export.server");
    const exported = await getProjectExport(db, s.teacher, s.project.id);
    const text = JSON.stringify(exported);
    expect(text).toContain("Alice");
    expect(text).not.toContain("Delacroix");
    expect(text).not.toContain("Capucine");
    expect(exported.teams.find((t) => t.name === "Équipe B")?.members.map((m) => m.name)).toEqual(["Bruno", null]);
  });
});

