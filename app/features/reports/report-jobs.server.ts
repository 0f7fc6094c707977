import { sql } from "kysely";
import type { User } from "../../../db/schema/accounts";
import type { ReportJob } from "../../../db/schema/reports";
import type { Db } from "../../lib/db.server";
import { appError, notFound } from "../../lib/errors";
import { serverT } from "../../lib/i18n.server";
import { isUuid } from "../../lib/ids";
import { logger } from "../../lib/logger.server";
import { fileStorage } from "../../lib/storage.server";
import { computeDashboard } from "./compute.server";
import { parisMonth, yearPeriod } from "./period";
import { refreshStats } from "./refresh.server";
import { renderReportPdf } from "./report-pdf.server";
import { SPREADSHEET_CSV, toCsvBlocks } from "../../lib/csv";
import * as q from "./queries.server";
import { figuresTable, requireReportReader } from "./service.server";

/**
 * Yearly reports are built in the background: a request queues a row in
 * report_job; a worker claims it (FOR UPDATE SKIP LOCKED, with a lease so a
 * crashed worker's job is picked up again), writes its progress as it goes,
 * and stores the PDF and the CSV with fileStorage(). The periodic scheduler
 * runs the worker; a request also starts it at once in its own process.
 */
const LEASE_MS = 10 * 60 * 1000;
const MAX_ATTEMPTS = 3;

export async function requestReport(db: Db, actor: User, year: number, locale: "fr" | "en", now = new Date()) {
  requireReportReader(actor);
  const currentYear = Number(parisMonth(now).slice(0, 4));
  if (!Number.isInteger(year) || year < 2017 || year > currentYear) throw appError(400, "bad_year", "reports:errors.year");
  const job = await q.insertReportJob(db, { year, locale, requestedBy: actor.id });
  startReportWorker(db);
  return job;
}

export async function listReports(db: Db, actor: User) {
  requireReportReader(actor);
  return q.latestReportJobs(db, 50);
}

export async function getReport(db: Db, actor: User, id: string) {
  requireReportReader(actor);
  if (!isUuid(id)) throw notFound();
  const job = await q.findReportJob(db, id);
  if (!job) throw notFound();
  return job;
}

export async function reportFile(db: Db, actor: User, id: string, kind: "pdf" | "csv") {
  const job = await getReport(db, actor, id);
  const key = kind === "pdf" ? job.pdf_key : job.csv_key;
  if (job.status !== "done" || !key) throw appError(409, "report_not_ready", "reports:errors.report_not_ready");
  const file = await fileStorage().get(key);
  if (!file) throw notFound();
  return { ...file, filename: `evaluation-${job.year}.${kind}` };
}

/** Takes the oldest waiting job (or one whose worker's lease ran out); null when there is none. */
export async function claimReportJob(db: Db): Promise<ReportJob | null> {
  const { rows } = await sql<ReportJob>`
    update report_job set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
      locked_until = now() + ${`${LEASE_MS / 1000} seconds`}::interval, progress = 1, step = 'refreshing'
    where id = (
      select id from report_job
      where (status = 'queued' or (status = 'running' and locked_until < now())) and attempts < ${MAX_ATTEMPTS}
      order by created_at
      for update skip locked
      limit 1)
    returning *`.execute(db);
  return rows[0] ?? null;
}

async function progress(db: Db, id: string, value: number, step: string) {
  await q.setReportProgress(db, id, value, step);
}

/** Builds one claimed job: figures → PDF and CSV → storage. */
export async function buildReport(db: Db, job: ReportJob, now = new Date()) {
  const t = serverT(job.locale);
  const locale = job.locale;
  await refreshStats(db, { now });
  await progress(db, job.id, 25, "computing");
  const data = await computeDashboard(db, { period: yearPeriod(job.year), filters: {}, t, locale, charts: false });
  await progress(db, job.id, 50, "drawing");
  const pdf = await renderReportPdf(data, { year: job.year, locale, t, generatedAt: now });
  const charts = data.axes.flatMap((a) => a.sections.flatMap((s) => s.charts.map((c) => ({ axis: a.id, section: s, chart: c }))));
  const csv = toCsvBlocks(
    [
      figuresTable(data, t),
      [
        [t("reports:csv.axis"), t("reports:csv.ref"), t("reports:csv.section"), t("reports:csv.code"), t("reports:labels.month") + " / …", t("reports:csv.figure"), t("reports:csv.value", { from: data.period.from, to: data.period.to })],
        ...charts.flatMap(({ axis, section, chart }) =>
          chart.table.rows.flatMap((row) =>
            chart.table.columns.map((column, i) => [
              t(`reports:axes.${axis}.short`),
              section.ref,
              chart.title,
              chart.id,
              row.label,
              column,
              row.values[i] ?? 0,
            ]),
          ),
        ),
      ],
    ],
    SPREADSHEET_CSV,
  );
  await progress(db, job.id, 85, "storing");
  const storage = fileStorage();
  const pdfKey = `reports/${job.id}/evaluation-${job.year}.pdf`;
  const csvKey = `reports/${job.id}/evaluation-${job.year}.csv`;
  await storage.put(pdfKey, new Uint8Array(pdf.bytes), "application/pdf");
  await storage.put(csvKey, new TextEncoder().encode(csv), "text/csv; charset=utf-8");
  await q.finishReportJob(db, job.id, { pdfKey, csvKey, pageCount: pdf.pageCount });
}

/** Runs waiting jobs one after the other until none is left; returns how many were built. */
export async function processReportJobs(db: Db, { max = 5 } = {}) {
  let built = 0;
  for (let i = 0; i < max; i++) {
    const job = await claimReportJob(db);
    if (!job) break;
    try {
      await buildReport(db, job);
      built++;
    } catch (err) {
      logger.error({ err, job: job.id }, "report generation failed");
      const failed = job.attempts >= MAX_ATTEMPTS;
      await q.releaseFailedReportJob(db, job.id, failed, (err as Error).message.slice(0, 300));
    }
  }
  return built;
}

/** Starts the worker in this process without waiting (the periodic job is the safety net). */
export function startReportWorker(db: Db) {
  void processReportJobs(db).catch((err) => logger.error({ err }, "report worker failed"));
}
