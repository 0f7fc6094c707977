import { STANDARD_CSV, toCsv } from "../../lib/csv";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { serverT } from "../../lib/i18n.server";
import { parisMonth } from "../reports/period";
import { CountMap, publishTable, type PublishedCell } from "./aggregates";
import type { DatasetId } from "./catalogue";
import { entityTag, type Publishable } from "./http.server";
import * as q from "./queries.server";

/**
 * The two anonymised activity datasets, computed from the pre-aggregated
 * tables (complete months only) and stored in `opendata_file`; a file is
 * rewritten only when its bytes change, so Last-Modified tells the truth.
 */
const NOT_RECORDED = "Non renseigné";

async function communeThemeCells(db: DbOrTrx, before: string) {
  const people = await q.countPeopleByCommuneTheme(db, before);
  // People without an account are unique: their counts add up. Accompaniments likewise.
  const sums = await q.sumActivityByCommuneTheme(db, before);
  const counts = new CountMap();
  const months = new Map<string, { communes: Set<string>; themes: Set<string> }>();
  const seen = (m: string) => {
    if (!months.has(m)) months.set(m, { communes: new Set(), themes: new Set() });
    return months.get(m)!;
  };
  for (const r of people) {
    const slot = seen(r.m);
    if (r.commune !== null) slot.communes.add(r.commune);
    if (r.theme !== null) slot.themes.add(r.theme);
    counts.add([r.m, r.commune ?? "*", r.theme ?? "*"], r.n, 0);
  }
  for (const r of sums) {
    const slot = seen(r.m);
    if (r.commune !== "*") slot.communes.add(r.commune);
    if (r.theme !== "*") slot.themes.add(r.theme);
    const n = Number(r.n);
    const anonymous = r.indicator.startsWith("mediation.anonymous_");
    counts.add([r.m, r.commune, r.theme], anonymous ? n : 0, anonymous ? 0 : n);
  }
  return { counts, months };
}

async function monthAudienceCells(db: DbOrTrx, before: string) {
  const people = await q.countPeopleByMonthAudience(db, before);
  const sums = await q.sumActivityByMonthAudience(db, before);
  const counts = new CountMap();
  const years = new Map<string, { months: Set<string>; audiences: Set<string> }>();
  const seen = (y: string) => {
    if (!years.has(y)) years.set(y, { months: new Set(), audiences: new Set() });
    return years.get(y)!;
  };
  for (const r of people) {
    const slot = seen(r.y);
    if (r.m !== null) slot.months.add(r.m);
    if (r.audience !== null) slot.audiences.add(r.audience);
    counts.add([r.y, r.m ?? "*", r.audience ?? "*"], r.n, 0);
  }
  for (const r of sums) {
    const year = r.m.slice(0, 4);
    const slot = seen(year);
    slot.months.add(r.m);
    if (r.audience !== "*") slot.audiences.add(r.audience);
    const n = Number(r.n);
    const anonymous = r.indicator === "mediation.anonymous_people";
    // Counts add up over the months of the year (each person or activity sits in one month).
    for (const month of [r.m, "*"]) counts.add([year, month, r.audience], anonymous ? n : 0, anonymous ? 0 : n);
  }
  return { counts, years };
}

const sorted = (values: Iterable<string>) => [...values].sort((a, b) => a.localeCompare(b, "fr"));

export async function buildActivityAggregates(db: DbOrTrx, now = new Date()) {
  const before = `${parisMonth(now)}-01`;
  const t = serverT("fr");
  const theme = (code: string) => (code ? t(`reports:categories.themes.${code}`, { defaultValue: code }) : "");
  const audience = (code: string) => (code ? t(`reports:categories.audiences.${code}`, { defaultValue: code }) : NOT_RECORDED);
  const commune = (name: string) => (name === "" ? NOT_RECORDED : name);

  const a = await communeThemeCells(db, before);
  const communeTheme: PublishedCell[] = [];
  for (const [month, slot] of [...a.months].sort(([x], [y]) => x.localeCompare(y))) {
    communeTheme.push(
      ...publishTable({
        group: month,
        rows: sorted(slot.communes),
        cols: sorted(slot.themes),
        cell: (r, c) => a.counts.get(month, r, c),
      }),
    );
  }

  const b = await monthAudienceCells(db, before);
  const monthAudience: PublishedCell[] = [];
  for (const [year, slot] of [...b.years].sort(([x], [y]) => x.localeCompare(y))) {
    monthAudience.push(
      ...publishTable({
        group: year,
        rows: sorted(slot.months),
        cols: sorted(slot.audiences),
        cell: (r, c) => b.counts.get(year, r, c),
      }),
    );
  }

  // RFC 4180, UTF-8 without BOM (for machines), text quoted, numbers bare, suppressed values empty.
  const csv = (header: string[], rows: (string | number | null)[][]) => toCsv([header, ...rows], { ...STANDARD_CSV, quoteAllText: true });

  const aHeader = ["mois", "niveau", "commune", "thematique", "thematique_libelle", "personnes", "accompagnements", "secret_statistique"];
  const aRows = communeTheme.map((c) => [
    c.group,
    c.level,
    c.level === "detail" || c.level === "total_ligne" ? commune(c.row) : "",
    c.col,
    theme(c.col),
    c.people,
    c.accompaniments,
    c.suppressed ? "oui" : "non",
  ]);
  const bHeader = ["annee", "mois", "niveau", "public", "public_libelle", "personnes", "accompagnements", "secret_statistique"];
  const bRows = monthAudience.map((c) => [
    c.group,
    c.row,
    c.level,
    c.col,
    c.level === "detail" || c.level === "total_colonne" ? audience(c.col) : "",
    c.people,
    c.accompaniments,
    c.suppressed ? "oui" : "non",
  ]);
  const json = (header: string[], rows: (string | number | null)[][]) =>
    JSON.stringify(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] === "" ? null : r[i]]))), null, 1);

  return {
    "accompagnements-communes-thematiques": { csv: csv(aHeader, aRows), json: json(aHeader, aRows) },
    "personnes-accompagnees-publics": { csv: csv(bHeader, bRows), json: json(bHeader, bRows) },
  } satisfies Record<Exclude<DatasetId, "lieux-mediation-numerique">, { csv: string; json: string }>;
}

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

/** Recomputes both datasets and stores the files whose bytes changed. */
export async function publishActivityAggregates(db: Db, now = new Date()) {
  const built = await buildActivityAggregates(db, now);
  let changed = 0;
  for (const [dataset, formats] of Object.entries(built)) {
    for (const format of ["csv", "json"] as const) {
      const name = `${dataset}.${format}`;
      const body = formats[format];
      const etag = entityTag(body);
      if ((await q.findFileTag(db, name)) === etag) continue;
      await q.saveFile(db, { name, content_type: CONTENT_TYPES[format], body, etag, modified_at: now });
      changed++;
    }
  }
  return changed;
}

/**
 * A published file; before the reports job has published it once (a new
 * instance's first minutes), its bytes are computed for this answer only — a
 * GET never writes (decision 042) — and dated now.
 */
export async function activityAggregateFile(db: Db, dataset: DatasetId, format: "csv" | "json"): Promise<Publishable> {
  const name = `${dataset}.${format}`;
  const row = await q.findFile(db, name);
  if (row) return { body: row.body, contentType: row.content_type, lastModified: new Date(row.modified_at), filename: name };
  const built = await buildActivityAggregates(db);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  return { body: built[dataset as keyof typeof built][format], contentType: CONTENT_TYPES[format], lastModified: now, filename: name };
}
