import { afterAll, beforeAll, expect, it } from "vitest";
import { buildActivityAggregates } from "../../app/features/opendata/aggregates.server";
import { computeDashboard } from "../../app/features/reports/compute.server";
import { yearPeriod } from "../../app/features/reports/period";
import { refreshStats } from "../../app/features/reports/refresh.server";
import { renderReportPdf } from "../../app/features/reports/report-pdf.server";
import { migrateToLatest, openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { serverT } from "../../app/lib/i18n.server";
import * as f from "./reports-fixtures";

// The same SQL on the embedded database (PGlite, PostgreSQL 17 in WASM, one connection).
let embedded: OpenedDatabase;
beforeAll(async () => {
  embedded = await openDatabase({ memory: true });
  await migrateToLatest(embedded.db);
}, 60_000);
afterAll(async () => {
  await embedded?.close();
});

it("refreshes, computes the dashboard and the open-data aggregates on PGlite", async () => {
  const db = embedded.db;
  const space = await f.space(db, "Rieux");
  for (let i = 0; i < 6; i++) {
    const p = await f.person(db, { commune: "Rieux", audience: "seniors" });
    await f.accompaniment(db, { date: "2025-04-0" + (1 + i), themes: ["email"], beneficiaries: [{ userId: p }], spaceId: space });
  }
  const w = await f.workshop(db, { startsAt: "2025-04-10T14:00:00+02:00", spaceId: space, seats: 8 });
  await f.booking(db, w, await f.person(db, { commune: "Rieux" }));
  const results = await refreshStats(db, { full: true });
  expect(results.filter((r) => r.error)).toEqual([]);
  expect(await refreshStats(db)).toEqual(expect.arrayContaining([expect.objectContaining({ source: "mediation", mode: "incremental" })]));
  const t = serverT("fr");
  const data = await computeDashboard(db, { period: yearPeriod(2025), filters: { commune: "Rieux" }, t, locale: "fr" });
  const fig = (id: string) => data.axes.flatMap((a) => a.sections.flatMap((s) => s.figures)).find((x) => x.id === id)!;
  expect(fig("mediation.people").value).toBe(6);
  expect(fig("workshops.bookings").value).toBe(1);
  expect(data.axes[1]!.sections[0]!.charts[0]!.svg).toContain("<svg");
  const files = await buildActivityAggregates(db, new Date("2026-01-15T12:00:00Z"));
  expect(files["accompagnements-communes-thematiques"].csv).toContain('"2025-04","detail","Rieux","email"');
  const pdf = await renderReportPdf(data, { year: 2025, locale: "fr", t });
  expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
}, 60_000);
