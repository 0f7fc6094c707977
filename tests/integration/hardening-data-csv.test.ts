import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { attendanceCsv } from "../../app/features/classrooms/service.server";
import { activityIri } from "../../app/features/h5p/player.server";
import { relayStatements, type RelayItem } from "../../app/features/h5p/relay.server";
import { activityResults, resultsCsv } from "../../app/features/h5p/results.server";
import { seedH5p } from "../../app/features/h5p/seed.server";
import { exportActivityCsv } from "../../app/features/mediation/activity.server";
import { openDataFile } from "../../app/features/opendata/service.server";
import { validateTable, type TableSchema } from "../../app/features/opendata/table-schema";
import { processReportJobs, reportFile, requestReport } from "../../app/features/reports/report-jobs.server";
import { refreshStats } from "../../app/features/reports/refresh.server";
import { exportDashboardTable } from "../../app/features/reports/service.server";
import type { Db } from "../../app/lib/db.server";
import { resetEnvForTests } from "../../app/lib/env.server";
import { serverT } from "../../app/lib/i18n.server";
import { localStorage as folderStorage } from "../../app/lib/storage.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { makeClass, register } from "./classrooms-support";
import * as f from "./reports-fixtures";

// Every CSV the app writes, fed the two classic injections: a formula that
// runs a command, and a `;` that would split a French spreadsheet's row
// and start a new cell with a formula. The files are read back by csv-parse.

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "passerelle-csv-"));
resetEnvForTests();

const ATTACK = "=cmd|' /C calc'!A0";
const SPLIT = ";=1+1";
const t = serverT("fr");
let db: Db;
let coordinator: User;

/** A people-facing file: BOM, `;` rows of one width, CRLF; returns the rows. */
function readSpreadsheetCsv(text: string, width: number) {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.replace(/\r\n/g, "")).not.toMatch(/\n|\r/); // every line break inside a cell is quoted, none here
  const rows = parse(text, { bom: true, delimiter: ";", record_delimiter: "\r\n", relax_column_count: false }) as string[][];
  for (const row of rows) expect(row).toHaveLength(width);
  return rows;
}

/** Both injections came out neutralised, quoted, and whole in one cell. */
function expectNeutralised(text: string, cells: string[]) {
  expect(text).toContain(`"'${ATTACK}"`);
  expect(text).toContain(`"${SPLIT}"`);
  expect(cells).toContain(`'${ATTACK}`);
  expect(cells).toContain(SPLIT);
  expect(cells).not.toContain(ATTACK);
  expect(cells).not.toContain("=1+1");
}

beforeAll(async () => {
  db = await testDb();
  coordinator = await createUser(db, { role: "coordinator" });
});

afterAll(() => {
  delete process.env.DATA_DIR;
  resetEnvForTests();
});

describe("people-facing exports (French spreadsheet dialect)", () => {
  it("the mediation activity log", async () => {
    const mediator = await createUser(db, { role: "mediator", firstName: ATTACK });
    await db
      .insertInto("mediation_activity")
      .values({ mediator_id: mediator.id, activity_type: "individuel", activity_date: "2026-11-02", duration_minutes: 15, place_type: "autre", place_commune: SPLIT, themes: ["email"] })
      .execute();
    const text = await exportActivityCsv(db, coordinator, { mediator: mediator.id }, "fr");
    const rows = readSpreadsheetCsv(text, 14);
    expect(rows).toHaveLength(2);
    expect(rows[1]![1]).toBe(`'${ATTACK}`);
    expect(rows[1]![6]).toBe(SPLIT);
    expectNeutralised(text, rows[1]!);
  });

  it("the attendance of a virtual class", async () => {
    const host = await createUser(db, { role: "mediator" });
    const classroom = await makeClass(db, host, { title: ATTACK, startsAt: new Date(Date.now() - 3 * 3600_000) });
    const learner = await createUser(db, { firstName: SPLIT });
    await register(db, classroom, learner);
    const { body } = await attendanceCsv(db, host, classroom.id, "fr");
    const rows = readSpreadsheetCsv(body, 8);
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe(`'${ATTACK}`);
    expect(rows[1]![2]).toBe(SPLIT);
    expect(rows[1]![4]).toBe("0"); // minutes, a number
    expectNeutralised(body, rows[1]!);
  });

  it("the results of an H5P activity", async () => {
    const { contentId } = await seedH5p(db, { storage: folderStorage(mkdtempSync(path.join(tmpdir(), "passerelle-csv-h5p-"))), createdBy: coordinator.id });
    const learner = await createUser(db, { firstName: ATTACK });
    await db.updateTable("app_user").set({ last_name: SPLIT }).where("id", "=", learner.id).execute();
    const object = { id: activityIri("http://passerelle.test", contentId), objectType: "Activity", definition: { extensions: { "http://h5p.org/x-api/h5p-local-content-id": contentId } } };
    const item: RelayItem = {
      statement: {
        id: randomUUID(),
        actor: { name: "x", mbox: "mailto:x@example.org", objectType: "Agent" },
        verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
        object,
        result: { score: { min: 0, max: 3, raw: 2, scaled: 2 / 3 }, completion: true, success: false },
        timestamp: new Date().toISOString(),
      },
      contentId,
      lessonId: null,
    };
    expect((await relayStatements(db, learner, [item], "http://passerelle.test")).stored).toHaveLength(1);
    const text = resultsCsv((await activityResults(db, coordinator, contentId)).rows, t);
    const rows = readSpreadsheetCsv(text, 7);
    const row = rows.find((r) => r[0] === `'${ATTACK}`)!;
    expect(row.slice(1, 6)).toEqual([SPLIT, "1", "67", "67", "Non"]);
    expect(row[6]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expectNeutralised(text, row);
  });

  describe("dashboard and yearly report", () => {
    beforeAll(async () => {
      // Two relay spaces with hostile names; 12 accompaniments in 2025 against 9 in 2024: a change of +33.3 %.
      const hostile = await f.space(db, "Rieux");
      const split = await f.space(db, "Rieux");
      await db.updateTable("relay_space").set({ name: ATTACK }).where("id", "=", hostile).execute();
      await db.updateTable("relay_space").set({ name: SPLIT, commune: SPLIT }).where("id", "=", split).execute();
      for (let i = 0; i < 6; i++) {
        for (const spaceId of [hostile, split]) {
          const p = await f.person(db, { commune: "Rieux", audience: "seniors" });
          await f.accompaniment(db, { date: `2025-0${1 + i}-10`, beneficiaries: [{ userId: p }], spaceId });
        }
      }
      for (let i = 0; i < 9; i++) await f.accompaniment(db, { date: `2024-0${1 + i}-10`, beneficiaries: [{ userId: await f.person(db) }], spaceId: hostile });
      await refreshStats(db, { full: true });
    });

    const period = new URLSearchParams({ debut: "2025-01", fin: "2025-12" });

    it("a chart's table, with the spaces' names as row labels", async () => {
      const file = await exportDashboardTable(db, coordinator, period, "mediation_spaces", { t, locale: "fr" });
      const rows = readSpreadsheetCsv(file.body, 2);
      expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining([`'${ATTACK}`, SPLIT]));
      expectNeutralised(file.body, rows.map((r) => r[0]!));
    });

    it("the figures, with a decimal comma in the change column", async () => {
      const file = await exportDashboardTable(db, coordinator, period, "indicateurs", { t, locale: "fr" });
      const rows = readSpreadsheetCsv(file.body, 9);
      const accompaniments = rows.find((r) => r[3] === "mediation.accompaniments")!;
      expect(accompaniments.slice(6)).toEqual(["12", "9", "33,3"]);
      expect(file.body).toContain(";12;9;\"33,3\"\r\n");
    });

    it("the yearly report's CSV: both tables in the same dialect", async () => {
      const job = await requestReport(db, coordinator, 2025, "fr");
      // requestReport starts a worker in this process; help it along and wait for it.
      for (let i = 0; i < 100; i++) {
        const { status } = await db.selectFrom("report_job").select("status").where("id", "=", job.id).executeTakeFirstOrThrow();
        if (status === "done" || status === "failed") break;
        await processReportJobs(db);
        await new Promise((r) => setTimeout(r, 100));
      }
      const file = await reportFile(db, coordinator, job.id, "csv");
      // ignoreBOM: keep the byte-order mark in the text (TextDecoder drops it by default).
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(file.body);
      const [figures, charts] = text.split("\r\n\r\n");
      const figureRows = readSpreadsheetCsv(`${figures}\r\n`, 9);
      expect(figureRows.find((r) => r[3] === "mediation.accompaniments")!.slice(6)).toEqual(["12", "9", "33,3"]);
      const chartRows = readSpreadsheetCsv(`\uFEFF${charts}`, 7);
      const labels = chartRows.filter((r) => r[3] === "mediation_spaces").map((r) => r[4]!);
      expectNeutralised(text, labels);
    });
  });
});

describe("open data (RFC 4180 dialect)", () => {
  it("keeps the national schema valid, the phone verbatim, and neutralises a hostile name", async () => {
    await db
      .insertInto("relay_space")
      .values({ slug: "hostile", name: ATTACK, commune: SPLIT, postal_code: "60870", address: "1 rue", phone: "03 44 72 05 10" })
      .execute();
    const file = (await openDataFile(db, "lieux-mediation-numerique.csv"))!;
    expect(file.body.charCodeAt(0)).not.toBe(0xfeff);
    const [header, ...rows] = parse(file.body, { delimiter: ",", record_delimiter: "\r\n" }) as string[][];
    const schema = JSON.parse(
      readFileSync(path.resolve(process.cwd(), "../shared/standards/lieux-mediation-numerique/schema.json"), "utf8"),
    ) as TableSchema;
    expect(validateTable(schema, header!, rows)).toEqual([]);
    const hostile = rows.find((r) => r[header!.indexOf("nom")] === `'${ATTACK}`)!;
    expect(hostile[header!.indexOf("commune")]).toBe(SPLIT);
    expect(hostile[header!.indexOf("telephone")]).toBe("+33344720510");
    expectNeutralised(file.body, hostile);
  });
});
