import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { attackFile, COMMUNE_THEME, narrow } from "../helpers/secrecy-attack";
import { buildActivityAggregates, publishActivityAggregates } from "../../app/features/opendata/aggregates.server";
import { publish } from "../../app/features/opendata/http.server";
import { NATIONAL_FIELDS, PIVOT_UNKNOWN } from "../../app/features/opendata/relay-spaces";
import { openDataCatalogue, openDataFile } from "../../app/features/opendata/service.server";
import { schemaPattern, validateTable, type TableSchema } from "../../app/features/opendata/table-schema";
import { refreshStats } from "../../app/features/reports/refresh.server";
import type { Db } from "../../app/lib/db.server";
import { seedDemo } from "../../db/seed";
import { testDb } from "../helpers/db";
import * as f from "./reports-fixtures";
import { publicOrigin } from "../../app/lib/public-url.server";

// The national schema and its example, read from the shared standards folder (never copied).
const STANDARDS = path.resolve(process.cwd(), "../shared/standards/lieux-mediation-numerique");
const schema = JSON.parse(readFileSync(path.join(STANDARDS, "schema.json"), "utf8")) as TableSchema;

function parseCsv(text: string) {
  const records = parse(text, { bom: true, relax_quotes: false }) as string[][];
  return { header: records[0]!, rows: records.slice(1) };
}

let db: Db;
beforeAll(async () => {
  db = await testDb();
  await seedDemo(db);
  // A space that uses every field, the French phone format and no SIRET.
  await db
    .insertInto("relay_space")
    .values({
      slug: "bus-numerique",
      name: 'Le bus numérique "Passerelle"',
      commune: "Sacy-le-Grand",
      postal_code: "60700",
      insee_code: "60563",
      address: "Place de l'Église",
      address_complement: "Sur le parking, le mardi",
      latitude: 49.35,
      longitude: 2.55,
      typology: ["MUNI", "TIERS_LIEUX"],
      phone: "03 44 72 05 10",
      emails: ["bus@ccpoh.example", "mediation@ccpoh.example"],
      websites: ["https://ccpoh.example/bus"],
      opening_hours: "Tu 09:00-12:00",
      summary: "Un bus équipé d'ordinateurs qui passe dans les villages.",
      description: "Détail, avec une virgule, des guillemets \"ici\" et\nun retour à la ligne.",
      itinerance: ["Itinérant"],
      parent_structure: "CCPOH",
      services: ["Aide aux démarches administratives", "Accès internet et matériel informatique"],
      audiences: ["Seniors", "Familles et/ou enfants"],
      specific_support: ["Surdité", "Langues étrangères (anglais)"],
      fees: ["Gratuit"],
      national_programmes: ["Conseillers numériques", "Relais numérique (Emmaüs Connect)"],
      trainings_labels: ["Formé à « Mon Espace Santé »"],
      other_trainings_labels: "Label local",
      access_modalities: ["Se présenter", "Ce lieu n'accueille pas de public"],
      accompaniment_modalities: ["À distance", "En autonomie"],
      accessibility_url: "https://acceslibre.beta.gouv.fr/app/60-sacy/a/bus/erp/bus-1/",
      booking_url: "https://rdv.example/bus",
    })
    .execute();
  await db
    .insertInto("relay_space")
    .values({ slug: "ancien-espace", name: "Ancien espace", commune: "Rieux", postal_code: "60870", address: "1 rue", archived_at: new Date() })
    .execute();
});

describe("the table-schema validator", () => {
  it("accepts the national schema's own example file", () => {
    const { header, rows } = parseCsv(readFileSync(path.join(STANDARDS, "exemple-valide.csv"), "utf8"));
    expect(rows.length).toBeGreaterThan(0);
    expect(validateTable(schema, header, rows)).toEqual([]);
  });

  it("catches a wrong header, a missing required field, a bad pattern, a value outside a list, a bad date and a duplicate id", () => {
    const { header, rows } = parseCsv(readFileSync(path.join(STANDARDS, "exemple-valide.csv"), "utf8"));
    const col = (name: string) => header.indexOf(name);
    const bad = rows.map((r) => [...r]);
    bad.push([...rows[0]!]); // same id twice
    bad[0]![col("nom")] = "";
    bad[0]![col("code_postal")] = "6070";
    bad[0]![col("services")] = "Aide aux démarches administratives|Cours de cuisine";
    bad[0]![col("itinerance")] = "Ailleurs|Fixe"; // a valid value at the end must not hide an invalid one
    bad[0]![col("date_maj")] = "2024-02-30";
    bad[0]![col("latitude")] = "49,3";
    bad[0]![col("telephone")] = "03 44 72 05 10";
    const errors = validateTable(schema, header, bad).map((e) => `${e.field}:${e.rule}`);
    expect(errors).toEqual(
      expect.arrayContaining([
        "nom:required",
        "code_postal:pattern",
        "services:pattern",
        "itinerance:pattern",
        "date_maj:type",
        "latitude:type",
        "telephone:pattern",
        "id:unique",
      ]),
    );
    expect(validateTable(schema, [...header].reverse(), rows)[0]).toMatchObject({ rule: "header" });
  });

  it("reads the multi-value lists of the schema as enumerations", () => {
    const services = schemaPattern(schema.fields.find((f) => f.name === "services")!.constraints!.pattern!);
    expect(services.test("Aide aux démarches administratives")).toBe(true);
    expect(services.test("Aide aux démarches administratives|Loisirs et créations numériques")).toBe(true);
    expect(services.test("Aide aux démarches administratives|")).toBe(false);
    expect(services.test("Loisirs")).toBe(false);
  });
});

describe("relay spaces in the national schema", () => {
  it("publishes a CSV that validates against schema.json: columns, order, required fields, patterns, lists", async () => {
    const file = (await openDataFile(db, "lieux-mediation-numerique.csv"))!;
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.body.charCodeAt(0)).not.toBe(0xfeff);
    const { header, rows } = parseCsv(file.body);
    expect(header).toEqual(schema.fields.map((f) => f.name));
    expect(header).toEqual([...NATIONAL_FIELDS]);
    expect(validateTable(schema, header, rows)).toEqual([]);
    const byName = Object.fromEntries(rows.map((r) => [r[header.indexOf("nom")]!, Object.fromEntries(header.map((h, i) => [h, r[i]!]))]));
    expect(Object.keys(byName)).toHaveLength(4); // three demo spaces + the bus; the archived one is left out
    const bus = byName['Le bus numérique "Passerelle"']!;
    expect(bus.pivot).toBe(PIVOT_UNKNOWN);
    expect(bus.telephone).toBe("+33344720510");
    expect(bus.services).toBe("Aide aux démarches administratives|Accès internet et matériel informatique");
    expect(bus.typologie).toBe("MUNI|TIERS_LIEUX");
    expect(bus.presentation_detail).toContain('"ici" et\nun retour');
    expect(bus.date_maj).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
  });

  it("publishes the same records as JSON, in schema order", async () => {
    const json = JSON.parse((await openDataFile(db, "lieux-mediation-numerique.json"))!.body) as Record<string, unknown>[];
    expect(json).toHaveLength(4);
    for (const record of json) expect(Object.keys(record)).toEqual([...NATIONAL_FIELDS]);
    const rows = json.map((r) => NATIONAL_FIELDS.map((k) => (r[k] === null ? "" : String(r[k]))));
    expect(validateTable(schema, [...NATIONAL_FIELDS], rows)).toEqual([]);
    expect(typeof json[0]!.latitude).toBe("number");
  });

  it("answers 304 to a matching If-None-Match or a recent If-Modified-Since, 200 otherwise", async () => {
    const item = (await openDataFile(db, "lieux-mediation-numerique.csv"))!;
    const url = "http://localhost/donnees-ouvertes/lieux-mediation-numerique.csv";
    const first = publish(new Request(url), item);
    expect(first.status).toBe(200);
    const etag = first.headers.get("ETag")!;
    const lastModified = first.headers.get("Last-Modified")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(new Date(lastModified).getTime()).toBeLessThanOrEqual(Date.now());
    expect(publish(new Request(url, { headers: { "If-None-Match": etag } }), item).status).toBe(304);
    expect(publish(new Request(url, { headers: { "If-None-Match": `W/${etag}, "other"` } }), item).status).toBe(304);
    expect(publish(new Request(url, { headers: { "If-None-Match": '"stale"' } }), item).status).toBe(200);
    expect(publish(new Request(url, { headers: { "If-Modified-Since": lastModified } }), item).status).toBe(304);
    const before = new Date(new Date(lastModified).getTime() - 60_000).toUTCString();
    expect(publish(new Request(url, { headers: { "If-Modified-Since": before } }), item).status).toBe(200);
    // If-None-Match wins over If-Modified-Since.
    expect(publish(new Request(url, { headers: { "If-None-Match": '"stale"', "If-Modified-Since": lastModified } }), item).status).toBe(200);
  });

  it("describes every dataset in a DCAT catalogue with licence, dates and download URLs", async () => {
    const catalogue = JSON.parse((await openDataCatalogue(db, new Request("https://passerelle.example/donnees-ouvertes/catalogue.json"))).body);
    expect(catalogue["@type"]).toBe("dcat:Catalog");
    expect(catalogue["dct:license"]["@id"]).toContain("etalab.gouv.fr/licence-ouverte");
    const ids = catalogue["dcat:dataset"].map((d: { "dct:identifier": string }) => d["dct:identifier"]);
    expect(ids).toEqual(["lieux-mediation-numerique", "accompagnements-communes-thematiques", "personnes-accompagnees-publics"]);
    const spaces = catalogue["dcat:dataset"][0];
    expect(spaces["dct:conformsTo"]["@id"]).toContain("standard-mediation-num/v1.0.2/schema.json");
    // On the site's public address, not the requested host (issue 22).
    expect(spaces["dcat:distribution"].map((d: { "dcat:downloadURL": { "@id": string } }) => d["dcat:downloadURL"]["@id"])).toEqual([
      `${publicOrigin()}/donnees-ouvertes/lieux-mediation-numerique.csv`,
      `${publicOrigin()}/donnees-ouvertes/lieux-mediation-numerique.json`,
    ]);
  });
});

describe("anonymised activity aggregates", () => {
  it("hides a commune of 3 people, and the cells that would give it away from the totals", async () => {
    // March 2020: before the demo history of the seed, so only the people crafted here.
    const person = (commune: string) => f.person(db, { commune, audience: "seniors" });
    const helped = async (commune: string, count: number, theme: string) => {
      for (let i = 0; i < count; i++) {
        await f.accompaniment(db, { date: "2020-03-10", themes: [theme], beneficiaries: [{ userId: await person(commune) }] });
      }
    };
    await helped("Pont-Sainte-Maxence", 12, "email");
    await helped("Pont-Sainte-Maxence", 8, "bureautique");
    await helped("Verneuil-en-Halatte", 9, "email");
    await helped("Verneuil-en-Halatte", 7, "bureautique");
    // Rieux: two people with an account and one anonymous profile, three people in all.
    await helped("Rieux", 2, "email");
    await f.accompaniment(db, { date: "2020-03-12", themes: ["email"], beneficiaries: [{ commune: "Rieux", ageBand: "soixante_dix_plus" }] });
    await refreshStats(db, { full: true });
    const files = await buildActivityAggregates(db, new Date("2026-01-15T12:00:00Z"));
    const { header, rows } = parseCsv(files["accompagnements-communes-thematiques"].csv);
    expect(header).toEqual(["mois", "niveau", "commune", "thematique", "thematique_libelle", "personnes", "accompagnements", "secret_statistique"]);
    const march = rows.filter((r) => r[0] === "2020-03").map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
    const cell = (commune: string, theme: string, level = "detail") =>
      march.find((r) => r.niveau === level && r.commune === commune && r.thematique === theme)!;

    // Primary: Rieux × email describes 3 people; Rieux's total too.
    expect(cell("Rieux", "email")).toMatchObject({ personnes: "", accompagnements: "", secret_statistique: "oui" });
    expect(cell("Rieux", "", "total_ligne")).toMatchObject({ personnes: "", secret_statistique: "oui" });
    // Secondary: enough around them that a reader who knows the rules cannot pin them (decision 035).
    const { findings } = await attackFile(files["accompagnements-communes-thematiques"].csv, COMMUNE_THEME);
    expect(narrow(findings.filter((f) => f.group === "2020-03"))).toEqual([]);
    expect(findings.some((f) => f.group === "2020-03" && f.row === "Rieux")).toBe(true);
    // Margins are the sums of the cells: the file adds up.
    expect(cell("", "", "total")).toMatchObject({ personnes: "39", accompagnements: "39" });
    // Nothing visible describes 1 to 4 people.
    for (const r of march) if (r.personnes !== "") expect(Number(r.personnes)).toBeGreaterThanOrEqual(5);
  });

  it("publishes people by month and audience with yearly totals, and stores files only when they change", async () => {
    const files = await buildActivityAggregates(db, new Date("2026-01-15T12:00:00Z"));
    const { header, rows } = parseCsv(files["personnes-accompagnees-publics"].csv);
    expect(header).toEqual(["annee", "mois", "niveau", "public", "public_libelle", "personnes", "accompagnements", "secret_statistique"]);
    const year = rows.find((r) => r[0] === "2020" && r[2] === "total")!;
    expect(year[5]).toBe("39");
    expect(rows.find((r) => r[0] === "2020" && r[1] === "2020-03" && r[3] === "seniors")![5]).toBe("39");
    // Before the job has published, a read computes the file and stores nothing (a GET never writes, decision 042).
    const early = await openDataFile(db, "personnes-accompagnees-publics.csv");
    expect(early!.body.split("\n")[0]).toContain("secret_statistique");
    expect(await db.selectFrom("opendata_file").select("name").execute()).toEqual([]);
    expect(await publishActivityAggregates(db)).toBeGreaterThan(0);
    expect(await publishActivityAggregates(db)).toBe(0);
    const stored = await openDataFile(db, "personnes-accompagnees-publics.json");
    expect(JSON.parse(stored!.body)[0]).toHaveProperty("secret_statistique");
  });
});
