import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimReportJob, processReportJobs, reportFile, requestReport } from "../../app/features/reports/report-jobs.server";
import { showDashboard } from "../../app/features/reports/service.server";
import { formatChange, formatFigure } from "../../app/features/reports/format";
import type { FigureId } from "../../app/features/reports/indicators";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { appErrorStatus, isAppError } from "../../app/lib/errors";
import { resetEnvForTests } from "../../app/lib/env.server";
import { serverT } from "../../app/lib/i18n.server";
import { testDb } from "../helpers/db";
import { pdfToText } from "../helpers/pdf-check";
import * as f from "./reports-fixtures";

// Files go to a private folder (the local storage backend, as on a single server).
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "passerelle-reports-"));
resetEnvForTests();

/**
 * The rows of the PDF's tables as poppler's `pdftotext -layout` lays them
 * out: a line of cells apart by two spaces or more, ending with three figure
 * cells; a label wrapped in its cell continues on the next line, alone.
 */
function pdfTableRows(pdf: Buffer): Map<string, string[]> {
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();
  const lines = pdfToText(pdf, { layout: true }).split("\n").map((line) => line.trim().split(/\s{2,}/).map(norm));
  const rows = new Map<string, string[]>();
  lines.forEach((cells, i) => {
    if (cells.length < 4) return;
    const next = lines[i + 1];
    const label = cells.slice(0, -3).join(" ");
    rows.set(label, cells.slice(-3));
    if (next?.length === 1 && next[0]) rows.set(`${label} ${next[0]}`, cells.slice(-3));
  });
  return rows;
}

let db: Db;
let coordinator: User;
let mediator: User;
const t = serverT("fr");

beforeAll(async () => {
  db = await testDb();
  const userRow = (id: string) => db.selectFrom("app_user").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  coordinator = await userRow(await f.staff(db, "coordinator"));
  mediator = await userRow(await f.staff(db, "mediator"));
  const S1 = await f.space(db, "Rieux");
  const people = await Promise.all(
    ["seniors", "jeunes", "demandeurs_emploi", "entrepreneurs", "autre", "seniors"].map((audience, i) =>
      f.person(db, { commune: i % 2 ? "Rieux" : "Pont-Sainte-Maxence", audience }),
    ),
  );
  // 2024 and 2025 activity, so that the year-over-year change has something to say.
  for (const [i, p] of people.entries()) {
    await f.accompaniment(db, { date: `2025-0${1 + (i % 9)}-10`, minutes: 30 + i * 5, themes: ["email", "sante"], beneficiaries: [{ userId: p }], spaceId: S1 });
    if (i < 3) await f.accompaniment(db, { date: `2024-0${1 + i}-15`, beneficiaries: [{ userId: p }], spaceId: S1 });
  }
  await f.accompaniment(db, { date: "2025-10-02", type: "collectif", minutes: 90, themes: ["securite_numerique"], beneficiaries: people.map((userId) => ({ userId })), anonymous: 4, spaceId: S1 });
  const w = await f.workshop(db, { startsAt: "2025-05-14T14:00:00+02:00", spaceId: S1, seats: 12 });
  for (const p of people.slice(0, 4)) await f.booking(db, w, p);
  for (const p of people.slice(0, 3)) await f.checkIn(db, w, p);
  const c = await f.course(db, 3, 20);
  await f.enrol(db, people[0]!, c.courseId, "2025-02-01T10:00:00Z", "2025-03-01T10:00:00Z");
  await f.enrol(db, people[1]!, c.courseId, "2025-06-01T10:00:00Z");
  await f.completeLesson(db, people[0]!, c.courseId, c.lessonIds[0]!, "2025-02-03T10:00:00Z");
});

afterAll(async () => {
  // Let a worker started by requestReport finish before the database closes.
  await new Promise((r) => setTimeout(r, 200));
});

async function waitForJob(id: string) {
  for (let i = 0; i < 100; i++) {
    const job = await db.selectFrom("report_job").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    if (job.status === "done" || job.status === "failed") return job;
    await processReportJobs(db);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("report not built in time");
}

describe("yearly evaluation report", () => {
  it("is built in the background: a PDF that opens, with as many pages as it says, and totals equal to the dashboard's", async () => {
    const queued = await requestReport(db, coordinator, 2025, "fr");
    const job = await waitForJob(queued.id);
    expect(job).toMatchObject({ status: "done", progress: 100, step: "done", error: null });

    const pdf = await reportFile(db, coordinator, job.id, "pdf");
    const bytes = Buffer.from(pdf.body);
    expect(pdf.contentType).toBe("application/pdf");
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.subarray(-6).toString("latin1")).toContain("%%EOF");
    const pages = bytes.toString("latin1").match(/\/Type \/Page\b/g)!.length;
    expect(pages).toBe(job.page_count);
    expect(pages).toBeGreaterThanOrEqual(5); // cover, summary, one part per axis

    // The dashboard, as the page computes it, for the same period.
    const { dashboard } = await showDashboard(db, coordinator, new URLSearchParams("debut=2025-01&fin=2025-12"), { t, locale: "fr" });
    const figures = dashboard.axes.flatMap((a) => a.sections.flatMap((s) => s.figures));
    expect(figures.find((x) => x.id === "mediation.people")!.value).toBe(6);
    expect(figures.find((x) => x.id === "mediation.accompaniments")).toMatchObject({ value: 7, previous: 3 });

    // In the PDF's summary table each figure's row reads: label, 2025, 2024, change.
    const tableRows = pdfTableRows(bytes);
    const missing = t("reports:report.pdf.not_available");
    // Spaces inside a figure ("0 %", "5,8 h") are narrow no-break spaces, which the layout mode may read as none.
    const norm = (s: string) => s.replace(/\s+/g, "");
    expect(tableRows.get(t("reports:report.pdf.col_figure"))).toEqual(["2025", "2024", t("reports:report.pdf.col_change")]);
    for (const fig of figures) {
      const label = t(`reports:figures.${fig.id as FigureId}`);
      expect(tableRows.get(label)?.map(norm), label).toEqual([
        norm(formatFigure(fig, fig.available ? fig.value : null, "fr", t, missing)),
        norm(formatFigure(fig, fig.available ? fig.previous : null, "fr", t, missing)),
        fig.available ? norm(formatChange(fig.value, fig.previous, "fr", t)) : "-",
      ]);
    }

    // The CSV carries the same figures, as numbers in the French spreadsheet dialect (";", decimal comma).
    const csv = await reportFile(db, coordinator, job.id, "csv");
    const [figureBlock] = new TextDecoder().decode(csv.body).split("\r\n\r\n");
    const rows = parse(figureBlock!, { bom: true, delimiter: ";" }) as string[][];
    const byCode = new Map(rows.slice(1).map((r) => [r[3]!, r]));
    const number = (n: number | null) => (n === null ? "" : String(n).replace(".", ","));
    for (const fig of figures) {
      const row = byCode.get(fig.id)!;
      expect(row[6], fig.id).toBe(fig.available ? number(fig.value) : "");
      expect(row[7], fig.id).toBe(fig.available ? number(fig.previous) : "");
    }
  });

  it("is for coordinators only", async () => {
    const refused = await requestReport(db, mediator, 2025, "fr").catch((e: unknown) => e);
    expect(isAppError(refused) && appErrorStatus(refused)).toBe(403);
    const future = await requestReport(db, coordinator, 2100, "fr").catch((e: unknown) => e);
    expect(isAppError(future) && appErrorStatus(future)).toBe(400);
  });

  it("hands a job whose worker died to the next worker, and never to two at once", async () => {
    const { id } = await db.insertInto("report_job").values({ year: 2024, locale: "fr", status: "running", attempts: 1 }).returning("id").executeTakeFirstOrThrow();
    await sql`update report_job set locked_until = now() - interval '1 minute' where id = ${id}`.execute(db);
    const [a, b] = await Promise.all([claimReportJob(db), claimReportJob(db)]);
    const claimed = [a, b].filter(Boolean);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ id, status: "running", attempts: 2 });
    expect(await claimReportJob(db)).toBeNull();
  });
});
