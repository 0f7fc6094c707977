import { describe, expect, it } from "vitest";
import { createClass } from "../../app/features/projects/classes.server";
import { reissuePupilCard } from "../../app/features/projects/cards.server";
import { importPupils, readImportFile } from "../../app/features/projects/import.server";
import { signInWithAccessCard } from "../../app/features/mediation/access-card.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { statusOf } from "./projects-fixtures";

async function teacherAndClass() {
  const db = await testDb();
  const teacher = await createUser(db, { role: "teacher" });
  const schoolClass = await createClass(db, teacher, { name: "5e C", school: "Collège du Parc", level: "cinquieme", schoolYear: "2026-2027" });
  return { db, teacher, schoolClass };
}

async function count(db: Awaited<ReturnType<typeof testDb>>, table: "app_user" | "class_pupil" | "pupil_profile") {
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
}

describe("bulk pupil import (acceptance 4)", () => {
  it("creates the good rows and reports each bad row with its reason", async () => {
    const { db, teacher, schoolClass } = await teacherAndClass();
    const csv = [
      "Nom;Prénom;Date de naissance",
      "Martin;Léa;12/03/2013",
      "Petit;;01/09/2012",
      "Roy;Noé;31/02/2013",
      "Durand;Inès;2012-11-05",
      "Martin;Léa;12/03/2013",
      "Blanc;Hugo;",
      "Garnier;Jules;01/01/2030",
      `Long;${"x".repeat(81)};01/01/2012`,
      "Faure;Chloé;5/6/2011",
    ].join("\r\n");
    const report = await importPupils(db, teacher, schoolClass.id, csv);
    expect(report.map((r) => [r.line, r.firstName, r.status, r.reason ?? null])).toEqual([
      [2, "Léa", "created", null],
      [3, "", "error", "missing_first_name"],
      [4, "Noé", "error", "bad_date"],
      [5, "Inès", "created", null],
      [6, "Léa", "error", "duplicate_in_file"],
      [7, "Hugo", "error", "bad_date"],
      [8, "Jules", "error", "bad_date"],
      [9, "x".repeat(81), "error", "name_too_long"],
      [10, "Chloé", "created", null],
    ]);
    expect(report.filter((r) => r.status === "created").map((r) => r.seatNumber)).toEqual([1, 2, 3]);

    const created = await db
      .selectFrom("app_user")
      .innerJoin("pupil_profile", "pupil_profile.user_id", "app_user.id")
      .innerJoin("class_pupil", "class_pupil.user_id", "app_user.id")
      .select(["app_user.first_name", "app_user.last_name", "app_user.email", "app_user.password_hash", "app_user.role", "class_pupil.joined_via"])
      .where("class_pupil.class_id", "=", schoolClass.id)
      .orderBy("class_pupil.number")
      .execute();
    expect(created).toEqual([
      { first_name: "Léa", last_name: "Martin", email: null, password_hash: null, role: "learner", joined_via: "import" },
      { first_name: "Inès", last_name: "Durand", email: null, password_hash: null, role: "learner", joined_via: "import" },
      { first_name: "Chloé", last_name: "Faure", email: null, password_hash: null, role: "learner", joined_via: "import" },
    ]);
    // Each created pupil has an access card that signs them in; its code is stored only hashed.
    const lea = report[0]!;
    expect(lea.cardCode).toMatch(/^[A-Z2-9]{10}$/);
    const signedIn = await signInWithAccessCard(db, lea.cardCode!, { ip: "192.0.2.31", userAgent: "vitest" });
    expect(signedIn.user.first_name).toBe("Léa");
    const cards = await db.selectFrom("access_card").innerJoin("class_pupil", "class_pupil.user_id", "access_card.user_id").select("access_card.code_hash").where("class_pupil.class_id", "=", schoolClass.id).execute();
    expect(cards).toHaveLength(3);
    expect(JSON.stringify(cards)).not.toContain(lea.cardCode!);
    // Bad rows left nothing behind.
    const names = (await db.selectFrom("app_user").select("first_name").where("created_by", "=", teacher.id).execute()).map((u) => u.first_name);
    expect(names.sort()).toEqual(["Chloé", "Inès", "Léa"]);

    // Importing the same list again: the pupils already there are reported, not duplicated.
    const again = await importPupils(db, teacher, schoolClass.id, "prenom,nom,date_naissance\nLéa,Martin,2013-03-12\nTom,Roux,2012-04-04");
    expect(again.map((r) => [r.firstName, r.status, r.reason ?? null])).toEqual([
      ["Léa", "error", "already_in_class"],
      ["Tom", "created", null],
    ]);
  });

  it("rolls a row back whole when it fails half-way: no account without its seat", async () => {
    const { db, teacher, schoolClass } = await teacherAndClass();
    // 199 seats already given: the 200th pupil fits, the next ones fail on the
    // class's capacity check, after their account row was inserted.
    await db.updateTable("school_class").set({ pupil_counter: 199 }).where("id", "=", schoolClass.id).execute();
    const usersBefore = await count(db, "app_user");
    const profilesBefore = await count(db, "pupil_profile");
    const report = await importPupils(db, teacher, schoolClass.id, "prénom;nom;naissance\nAnna;A;01/01/2012\nBen;B;01/01/2012\nCléo;C;01/01/2012");
    expect(report.map((r) => [r.firstName, r.status, r.reason ?? null, r.seatNumber ?? null])).toEqual([
      ["Anna", "created", null, 200],
      ["Ben", "error", "class_full", null],
      ["Cléo", "error", "class_full", null],
    ]);
    expect(await count(db, "app_user")).toBe(usersBefore + 1);
    expect(await count(db, "pupil_profile")).toBe(profilesBefore + 1);
    expect(await db.selectFrom("app_user").select("id").where("first_name", "in", ["Ben", "Cléo"]).where("created_by", "=", teacher.id).execute()).toEqual([]);
  });

  it("refuses a list without the needed columns, an empty one, and a binary file, with a 4xx", async () => {
    const { db, teacher, schoolClass } = await teacherAndClass();
    expect(await statusOf(importPupils(db, teacher, schoolClass.id, "nom;classe\nMartin;4e"))).toBe(400);
    expect(await statusOf(importPupils(db, teacher, schoolClass.id, "prenom;naissance\n"))).toBe(400);
    expect(await statusOf(importPupils(db, teacher, schoolClass.id, ["prenom;naissance", ...Array.from({ length: 201 }, (_, i) => `P${i};01/01/2012`)].join("\n")))).toBe(400);
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])], "liste.csv", { type: "text/csv" });
    expect(await statusOf(readImportFile(png, undefined))).toBe(415);
    expect(await statusOf(readImportFile(null, "  "))).toBe(400);
    const latin1 = new File([new Uint8Array([...new TextEncoder().encode("prenom;naissance\nL"), 0xe9, ...new TextEncoder().encode("a;01/01/2012")])], "l.csv");
    expect(await readImportFile(latin1, undefined)).toBe("prenom;naissance\nLéa;01/01/2012");
  });

  it("prints a new card for a lost one: the old code stops working", async () => {
    const { db, teacher, schoolClass } = await teacherAndClass();
    const [row] = await importPupils(db, teacher, schoolClass.id, "prenom;naissance\nSacha;02/02/2012");
    const seat = await db.selectFrom("class_pupil").select("id").where("class_id", "=", schoolClass.id).executeTakeFirstOrThrow();
    const fresh = await reissuePupilCard(db, teacher, schoolClass.id, seat.id);
    expect(fresh.firstName).toBe("Sacha");
    await expect(signInWithAccessCard(db, row!.cardCode!, { ip: "192.0.2.32", userAgent: null })).rejects.toMatchObject({ messageKey: "mediation:errors.card_revoked" });
    await expect(signInWithAccessCard(db, fresh.code, { ip: "192.0.2.33", userAgent: null })).resolves.toBeTruthy();
    // Only for accounts made for the class, and only by its teacher.
    const own = await createUser(db);
    const { joinClass } = await import("../../app/features/projects/classes.server");
    await joinClass(db, own, { code: schoolClass.join_code!, birthDate: "2011-01-01" }, { ip: null });
    const ownSeat = await db.selectFrom("class_pupil").select("id").where("user_id", "=", own.id).executeTakeFirstOrThrow();
    expect(await statusOf(reissuePupilCard(db, teacher, schoolClass.id, ownSeat.id))).toBe(409);
    const other = await createUser(db, { role: "teacher" });
    expect(await statusOf(reissuePupilCard(db, other, schoolClass.id, seat.id))).toBe(404);
  });
});
