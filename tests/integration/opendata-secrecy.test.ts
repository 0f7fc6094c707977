import { describe, expect, it } from "vitest";
import { buildActivityAggregates } from "../../app/features/opendata/aggregates.server";
import { publishTable, type PublishedCell } from "../../app/features/opendata/aggregates";
import { refreshStats } from "../../app/features/reports/refresh.server";
import { seedDemo } from "../../db/seed";
import { testDb } from "../helpers/db";
import { attackFile, COMMUNE_THEME, MONTH_AUDIENCE, narrow } from "../helpers/secrecy-attack";

/**
 * Statistical secrecy, audited from outside (decision 035): an attacker who
 * knows the publishing rules runs integer programming (GLPK) on the files as
 * published and tries to pin each hidden value. Nothing may be narrowed to
 * fewer than 5 possible values.
 */

const COMMUNES = [
  "Angicourt", "Bazicourt", "Beaurepaire", "Brenouille", "Cinqueux", "Les Ageux", "Monceaux", "Pont-Sainte-Maxence",
  "Pontpoint", "Rhuis", "Rieux", "Roberval", "Saint-Martin-Longueau", "Sacy-le-Grand", "Verneuil-en-Halatte", "Villeneuve-sur-Verberie", "Villers-Saint-Frambourg-Ognon", "",
];
const THEMES = Array.from({ length: 30 }, (_, i) => `theme_${String(i).padStart(2, "0")}`);

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** RFC 4180, the open-data file's columns (app/features/opendata/aggregates.server.ts). */
function communeThemeCsv(cells: PublishedCell[]) {
  const header = ["mois", "niveau", "commune", "thematique", "thematique_libelle", "personnes", "accompagnements", "secret_statistique"];
  const quote = (v: string | number | null) => (v === null ? "" : typeof v === "number" ? String(v) : `"${v.replace(/"/g, '""')}"`);
  const rows = cells.map((c) => [c.group, c.level, c.level === "detail" || c.level === "total_ligne" ? c.row || "Non renseigné" : "", c.col, c.col, c.people, c.accompaniments, c.suppressed ? "oui" : "non"]);
  return [header, ...rows].map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
}

/** A month of a small community's mediation: most commune × theme cells empty, many of 1 to 4 people. */
function randomMonth(rand: () => number, month: string): PublishedCell[] {
  const people = COMMUNES.map(() => THEMES.map(() => 0));
  const accompaniments = COMMUNES.map(() => THEMES.map(() => 0));
  COMMUNES.forEach((_, r) => {
    // Bigger towns see more people; some themes are far more common.
    const size = r === 7 || r === 14 ? 6 : r === 17 ? 2 : 1;
    THEMES.forEach((_, c) => {
      const popular = c < 6 ? 3 : 1;
      const u = rand();
      if (u > 0.18 * size * popular) return;
      const n = rand() < 0.7 ? 1 + Math.floor(rand() * 4) : 5 + Math.floor(rand() * 12);
      people[r]![c] = n;
      accompaniments[r]![c] = n + Math.floor(rand() * n * 1.5);
    });
  });
  return publishTable({
    group: month,
    rows: COMMUNES,
    cols: THEMES,
    cell: (r, c) => ({ people: people[COMMUNES.indexOf(r)]![THEMES.indexOf(c)]!, accompaniments: accompaniments[COMMUNES.indexOf(r)]![THEMES.indexOf(c)]! }),
  });
}

describe("statistical secrecy against an attacker who knows the rules", () => {
  it("would have been beaten under the former rule: a column of 8, a published 5 and three hidden cells of 1", async () => {
    // What the former rule ("no line with exactly one hidden member") published for such a month.
    const former = [
      "mois,niveau,commune,thematique,thematique_libelle,personnes,accompagnements,secret_statistique",
      `"2024-09","detail","Pont-Sainte-Maxence","securite_numerique","",5,9,"non"`,
      `"2024-09","detail","Rieux","securite_numerique","",,,"oui"`,
      `"2024-09","detail","Rieux","email","",,,"oui"`,
      `"2024-09","detail","Cinqueux","securite_numerique","",,,"oui"`,
      `"2024-09","detail","Cinqueux","email","",,,"oui"`,
      `"2024-09","detail","Monceaux","securite_numerique","",,,"oui"`,
      `"2024-09","detail","Monceaux","email","",,,"oui"`,
      `"2024-09","detail","Pont-Sainte-Maxence","email","",20,31,"non"`,
      `"2024-09","total_ligne","Pont-Sainte-Maxence","","",25,40,"non"`,
      `"2024-09","total_ligne","Rieux","","",7,7,"non"`,
      `"2024-09","total_ligne","Cinqueux","","",8,9,"non"`,
      `"2024-09","total_ligne","Monceaux","","",9,12,"non"`,
      `"2024-09","total_colonne","","securite_numerique","",8,12,"non"`,
      `"2024-09","total_colonne","","email","",41,56,"non"`,
      `"2024-09","total","","","",49,68,"non"`,
    ].join("\r\n");
    const { findings } = await attackFile(former, COMMUNE_THEME);
    const pinned = findings.filter((f) => f.measure === "people" && f.col === "securite_numerique" && f.min === f.max);
    expect(pinned.map((f) => [f.row, f.min])).toEqual([
      ["Rieux", 1],
      ["Cinqueux", 1],
      ["Monceaux", 1],
    ]);
  });

  it("holds on the demo data, both files as published", async () => {
    const db = await testDb();
    await seedDemo(db);
    await refreshStats(db, { full: true });
    const files = await buildActivityAggregates(db, new Date());
    for (const [name, layout] of [["accompagnements-communes-thematiques", COMMUNE_THEME], ["personnes-accompagnees-publics", MONTH_AUDIENCE]] as const) {
      const { findings } = await attackFile(files[name].csv, layout);
      expect(narrow(findings), name).toEqual([]);
    }
  }, 300_000);

  // 20 data sets of the territory's shape (18 communes with « Non renseigné », 30 themes). CI audits a few
  // months of each (SECRECY_AUDIT_MONTHS, default 1); `SECRECY_AUDIT_MONTHS=36 npm run audit:secrecy` runs them all.
  const months = Number(process.env.SECRECY_AUDIT_MONTHS ?? 1);
  it(`holds on 20 randomised data sets (${months} months each)`, async () => {
    let hidden = 0;
    for (let set = 0; set < 20; set++) {
      const rand = random(1000 + set);
      const cells = Array.from({ length: months }, (_, m) => randomMonth(rand, `20${24 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`)).flat();
      const audit = await attackFile(communeThemeCsv(cells), COMMUNE_THEME);
      hidden += audit.hidden;
      expect(narrow(audit.findings), `data set ${set}`).toEqual([]);
    }
    expect(hidden).toBeGreaterThan(100);
  }, 1_200_000);
});
