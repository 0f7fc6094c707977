import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { SignUpSchema, AccountFormSchema } from "../../app/features/accounts/schemas";
import { signUp, updateOwnProfile } from "../../app/features/accounts/service.server";
import { choosePath, leavePath } from "../../app/features/paths/choices.server";
import { getPathPage } from "../../app/features/paths/service.server";
import { loadRecord } from "../../app/features/record/service.server";
import { computeDashboard } from "../../app/features/reports/compute.server";
import { defaultPeriod } from "../../app/features/reports/period";
import { refreshStats } from "../../app/features/reports/refresh.server";
import { exportDashboardTable } from "../../app/features/reports/service.server";
import type { Db } from "../../app/lib/db.server";
import { serverT } from "../../app/lib/i18n.server";
import type { User } from "../../db/schema/accounts";
import { testDb } from "../helpers/db";
import { createUser, statusOf } from "../helpers/fixtures";
import * as f from "./reports-fixtures";
import { seedPathsAndCourses } from "./paths-fixtures";

/**
 * Issue 16, the evaluation's inputs: audience and commune asked at sign-up
 * and kept on /compte, the choice of a path stored as data, and the reports
 * that count them — in whole people, in French.
 */
const SENIORS = "autonome-avec-le-numerique";
const JOBS = "trouver-un-emploi-avec-le-numerique";
const t = serverT("fr");
const meta = { ip: "127.0.0.1", userAgent: "vitest" };
let db: Db;
let coordinator: User;

const signUpValue = (input: Record<string, string>) => {
  const parsed = SignUpSchema.safeParse({ password: "une phrase assez longue", passwordConfirm: "une phrase assez longue", ...input });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};
const reload = (id: string) => db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

beforeAll(async () => {
  db = await testDb();
  await seedPathsAndCourses(db);
  coordinator = await createUser(db, { role: "coordinator" });
});

describe("audience, commune and family name at sign-up and on /compte", () => {
  it("stores the optional answers, and « je préfère ne pas dire » as nothing", async () => {
    const { user } = await signUp(
      db,
      { ...signUpValue({ firstName: "Josette", lastName: " Martin ", email: "josette.m@example.org", audience: "seniors", commune: "Rieux" }), locale: "fr" },
      meta,
    );
    expect(user).toMatchObject({ first_name: "Josette", last_name: "Martin", audience: "seniors", commune: "Rieux" });

    const { user: quiet } = await signUp(
      db,
      { ...signUpValue({ firstName: "Paul", email: "paul.q@example.org", audience: "non_communique", commune: "non_communique" }), locale: "fr" },
      meta,
    );
    expect(quiet).toMatchObject({ last_name: null, audience: null, commune: null });
  });

  it("refuses a commune or an audience outside the lists with a translated message", () => {
    const parsed = SignUpSchema.safeParse({ firstName: "A", email: "a@example.org", password: "x".repeat(12), passwordConfirm: "x".repeat(12), commune: "Paris", audience: "martiens" });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => i.message).sort();
    expect(messages).toEqual(["accounts:errors.audience_invalid", "accounts:errors.commune_invalid"]);
    for (const key of messages) expect(t(key)).not.toBe(key.split(":")[1]);
  });

  it("edits them on /compte, keeping a commune a mediator typed when the field is left on « Choisir… »", async () => {
    const learner = await createUser(db);
    await db.updateTable("app_user").set({ commune: "Creil", commune_insee: "60175", audience: "jeunes" }).where("id", "=", learner.id).execute();
    const edit = (input: Record<string, string>) => {
      const parsed = AccountFormSchema.parse({ intent: "profile", firstName: "Léa", ...input });
      if (parsed.intent !== "profile") throw new Error("profile expected");
      return updateOwnProfile(db, learner, parsed);
    };
    await edit({ lastName: "Durand" });
    expect(await reload(learner.id)).toMatchObject({ first_name: "Léa", last_name: "Durand", commune: "Creil", commune_insee: "60175", audience: "jeunes" });
    await edit({ lastName: "Durand", commune: "Autre commune", audience: "demandeurs_emploi" });
    expect(await reload(learner.id)).toMatchObject({ commune: "Autre commune", commune_insee: null, audience: "demandeurs_emploi" });
    await edit({ commune: "non_communique", audience: "non_communique" });
    expect(await reload(learner.id)).toMatchObject({ last_name: null, commune: null, audience: null });
  });
});

describe("choosing a path", () => {
  it("stores the choice with its dates; a double click chooses once; leaving closes it; « Mon suivi » lists chosen paths only", async () => {
    const learner = await createUser(db);
    expect((await loadRecord(db, learner)).paths).toEqual([]);

    await Promise.all([choosePath(db, learner, SENIORS), choosePath(db, learner, SENIORS)]);
    const rows = await db.selectFrom("path_choice").selectAll().where("user_id", "=", learner.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.left_at).toBeNull();

    const page = await getPathPage(db, learner, SENIORS, { anonymousToken: null });
    expect(page.chosenAt).toEqual(rows[0]!.chosen_at);
    const record = await loadRecord(db, learner);
    // The path page lists 7 steps; the record counts the same 7.
    expect(record.paths).toEqual([{ slug: SENIORS, title: page.title, chosenAt: rows[0]!.chosen_at, done: 0, count: page.steps.length, complete: false }]);
    expect(page.steps).toHaveLength(7);
    expect(t("record:paths.progress", { count: 0, total: 5 })).toBe("(0 étape faite sur 5)");
    expect(t("record:paths.progress", { count: 1, total: 5 })).toBe("(1 étape faite sur 5)");
    expect(t("record:paths.progress", { count: 2, total: 5 })).toBe("(2 étapes faites sur 5)");

    await leavePath(db, learner, SENIORS);
    const left = await db.selectFrom("path_choice").selectAll().where("user_id", "=", learner.id).executeTakeFirstOrThrow();
    expect(left.left_at).not.toBeNull();
    expect((await loadRecord(db, learner)).paths).toEqual([]);
    expect((await getPathPage(db, learner, SENIORS, { anonymousToken: null })).chosenAt).toBeNull();

    // Choosing again opens a new row; the old one stays for the evaluation.
    await choosePath(db, learner, SENIORS);
    expect(await db.selectFrom("path_choice").select("id").where("user_id", "=", learner.id).execute()).toHaveLength(2);
  });

  it("answers 404 for a path that does not exist, and writes nothing", async () => {
    const learner = await createUser(db);
    expect(await statusOf(choosePath(db, learner, "pas-un-parcours"))).toBe(404);
    expect(await db.selectFrom("path_choice").select("id").where("user_id", "=", learner.id).execute()).toEqual([]);
  });
});

describe("the reports count path choices per path and audience, in whole people, in French", () => {
  it("adds the choices to the dashboard, by path and by audience, with « Non renseigné » for people who did not say", async () => {
    const senior = await createUser(db);
    await db.updateTable("app_user").set({ audience: "seniors", commune: "Rieux" }).where("id", "=", senior.id).execute();
    const seeker = await createUser(db);
    await db.updateTable("app_user").set({ audience: "demandeurs_emploi" }).where("id", "=", seeker.id).execute();
    const unknown = await createUser(db);
    await choosePath(db, senior, SENIORS);
    await choosePath(db, seeker, JOBS);
    await choosePath(db, unknown, JOBS);
    const results = await refreshStats(db, { full: true });
    expect(results.find((r) => r.source === "path_choices")).toMatchObject({ mode: "full" });
    expect(results.filter((r) => r.error)).toEqual([]);

    const data = await computeDashboard(db, { period: defaultPeriod(), filters: {}, t, locale: "fr", charts: true });
    const section = data.axes.flatMap((a) => a.sections).find((s) => s.id === "paths")!;
    // The learner of the test above chose the seniors path twice (leaving in between): both count, plus the three here.
    const choices = section.figures.find((x) => x.id === "paths.choices")!;
    expect(choices.value).toBe(5);
    const byPath = section.charts.find((c) => c.id === "paths_choices")!;
    expect(Object.fromEntries(byPath.table.rows.map((r) => [r.key, r.values[0]]))).toEqual({ [SENIORS]: 3, [JOBS]: 2 });
    expect(byPath.table.rows.find((r) => r.key === SENIORS)!.label).toBe("Autonome avec le numérique au quotidien");
    const byAudience = section.charts.find((c) => c.id === "paths_choices_audiences")!;
    expect(Object.fromEntries(byAudience.table.rows.map((r) => [r.label, r.values[0]]))).toEqual({
      "Non renseigné": 3,
      Seniors: 1,
      "Personnes en recherche d'emploi": 1,
    });
    expect(byAudience.notRecorded).toEqual({ count: 3, total: 5 });
    expect(byPath.notRecorded).toBeNull();
    const seniorsOnly = await computeDashboard(db, { period: defaultPeriod(), filters: { audience: "seniors" }, t, locale: "fr", charts: false });
    expect(seniorsOnly.axes.flatMap((a) => a.sections).flatMap((s) => s.figures).find((x) => x.id === "paths.choices")!.value).toBe(1);

    // No fractional person anywhere: every count figure and every chart value is a whole number.
    for (const s of data.axes.flatMap((a) => a.sections)) {
      for (const fig of s.figures) if (fig.unit === "count" && fig.value !== null) expect(Number.isInteger(fig.value), fig.id).toBe(true);
      for (const chart of s.charts) for (const row of chart.table.rows) for (const v of row.values) expect(Number.isInteger(v), chart.id).toBe(true);
      // Chart axes: no tick like "0,5" or "0.5".
      for (const chart of s.charts) if (chart.svg) expect(chart.svg, chart.id).not.toMatch(/>\s*\d+[.,]\d+\s*</);
    }
  });

  it("downloads the indicators as a French spreadsheet file: BOM, semicolons, decimal comma, the right columns", async () => {
    const learner = await f.person(db, { commune: "Rieux", audience: "seniors" });
    await f.statement(db, learner, new Date().toISOString(), { duration: "PT15M" });
    await refreshStats(db);
    const { body, filename } = await exportDashboardTable(db, coordinator, new URLSearchParams(), "indicateurs", { t, locale: "fr" });
    expect(filename).toMatch(/^indicateurs_\d{4}-\d{2}_\d{4}-\d{2}\.csv$/);
    expect(body.startsWith("\uFEFF")).toBe(true);
    const rows = parse(body, { bom: true, delimiter: ";" }) as string[][];
    expect(rows[0]).toHaveLength(9);
    expect(rows[0]!.slice(0, 6)).toEqual(["Axe", "Mesure de la feuille de route", "Rubrique", "Code", "Indicateur", "Unité"]);
    expect(rows.every((r) => r.length === 9)).toBe(true);
    const byCode = new Map(rows.slice(1).map((r) => [r[3], r]));
    expect(byCode.get("xapi.hours")![6]).toBe("0,3"); // 15 minutes, decimal comma
    expect(byCode.get("paths.choices")![6]).toMatch(/^\d+$/);
    // A person count is a whole number in the file too.
    for (const r of rows.slice(1)) if (r[5] === t("reports:units.count") && r[6]) expect(r[6], r[3]).toMatch(/^\d+$/);
  });
});
