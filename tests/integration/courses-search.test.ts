import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContentCourses } from "../../app/features/courses/content-import.server";
import { loadCatalogue, loadLessonPage } from "../../app/features/courses/learning.server";
import { migrateToLatest, openDatabase, type Db, type OpenedDatabase } from "../../app/lib/db.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { seedCourse } from "./courses-helpers";

// The same French search, on the real server (PostgreSQL 15) and on the
// embedded database (PGlite, PostgreSQL 17 in WASM, in memory).

let embedded: OpenedDatabase;
const SHIPPED = new Set(readdirSync(path.resolve("content/courses"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name));

beforeAll(async () => {
  embedded = await openDatabase({ memory: true });
  await migrateToLatest(embedded.db);
}, 60_000);

afterAll(async () => {
  await embedded?.close();
});

const backends: [string, () => Promise<Db>][] = [
  ["PostgreSQL server", () => testDb()],
  ["embedded PGlite", async () => embedded.db],
];

describe.each(backends)("French full-text search on %s", (_name, getDb) => {
  let db: Db;
  beforeAll(async () => {
    db = await getDb();
    await seedCourse(db, { slug: "demarches-en-ligne", title: "Faire ses démarches en ligne", summary: "Impôts, CAF, retraite : pas à pas." });
    await seedCourse(db, { slug: "arnaques", title: "Se protéger des arnaques en ligne", summary: "Reconnaître un faux message." });
    await seedCourse(db, { slug: "ecrire-un-e-mail", title: "Écrire un e-mail", summary: "Lire, écrire, répondre à un COURRIEL." });
    await seedCourse(db, { slug: "brouillon-demarches", title: "Démarches (brouillon)", status: "draft" });
  });

  const slugs = async (q: string) => (await loadCatalogue(db, null, { q, page: 1 })).courses.map((c) => c.slug).sort();

  it("ignores accents and case", async () => {
    expect(await slugs("demarches")).toEqual(["demarches-en-ligne"]);
    expect(await slugs("DÉMARCHES")).toEqual(["demarches-en-ligne"]);
    expect(await slugs("Démarche")).toEqual(["demarches-en-ligne"]);
    expect(await slugs("ecrire")).toEqual(["ecrire-un-e-mail"]);
    expect(await slugs("courriel")).toEqual(["ecrire-un-e-mail"]);
  });

  it("stems French words and matches prefixes", async () => {
    expect(await slugs("arnaque")).toEqual(["arnaques"]);
    expect(await slugs("arnaq")).toEqual(["arnaques"]);
    expect(await slugs("faux messages")).toEqual(["arnaques"]);
    expect(await slugs("en ligne")).toEqual(["arnaques", "demarches-en-ligne"]);
  });

  it("requires every word, finds nothing rather than failing on odd input", async () => {
    expect(await slugs("arnaque impots")).toEqual([]);
    for (const odd of ["&", "'", ":*", "a & | ! (", "le", "<script>", "x".repeat(100), "éèêë"]) {
      await expect(loadCatalogue(db, null, { q: odd, page: 1 })).resolves.toBeDefined();
    }
  });

  it("imports the shipped courses and finds the one about scams", async () => {
    const first = await importContentCourses(db);
    expect(first.created).toHaveLength(7);
    expect((await importContentCourses(db)).unchanged).toHaveLength(7);
    // Three courses mention scams in their lessons only (fake sites, fake apps): found, ranked after the courses about them.
    expect(await slugs("arnaque")).toEqual(["arnaques", "creer-et-utiliser-une-adresse-e-mail", "faire-ses-demarches-en-ligne", "se-proteger-des-arnaques-en-ligne", "utiliser-un-smartphone-ou-une-tablette"]);
    const byRank = (await loadCatalogue(db, null, { q: "arnaque", page: 1 })).courses.map((c) => c.slug);
    expect(byRank.slice(0, 2).sort()).toEqual(["arnaques", "se-proteger-des-arnaques-en-ligne"]);
    // "email" finds "e-mail" in titles and in lessons; the course about it ranks first.
    const email = (await loadCatalogue(db, null, { q: "adresse email", page: 1 })).courses.map((c) => c.slug);
    expect(email[0]).toBe("creer-et-utiliser-une-adresse-e-mail");
    expect(email).toContain("faire-son-cv-et-candidater-en-ligne");
    expect((await loadCatalogue(db, null, { q: "PROGRAMMATION", page: 1 })).courses[0]?.slug).toBe("decouvrir-la-programmation");
    // Words found only in a lesson's text, typed without accents.
    expect(await slugs("quadrillee")).toEqual(["decouvrir-la-programmation"]);
    expect(await slugs("coordonnees bancaires")).toEqual(["creer-et-utiliser-une-adresse-e-mail", "faire-son-cv-et-candidater-en-ligne"]);
  });

  // Issue 13, acceptance 3: what seniors type in relay spaces, against the shipped courses.
  // Among the shipped courses (this database also holds the stub courses above).
  const ranked = async (q: string) => (await loadCatalogue(db, null, { q, page: 1 })).courses.map((c) => c.slug).filter((slug) => SHIPPED.has(slug));

  it("puts the e-mail course first for « e-mail », « email » and « mail »", async () => {
    for (const q of ["e-mail", "email", "mail", "E-mail", "Mail"]) {
      const found = await ranked(q);
      expect(found[0], `${q}: ${found.join(", ")}`).toBe("creer-et-utiliser-une-adresse-e-mail");
    }
  });

  it("finds the smartphone course for « tablette » and « smartphone », and the procedures course for its sites", async () => {
    for (const q of ["tablette", "smartphone", "Smartphones", "tablettes", "écran tactile"]) {
      const found = await ranked(q);
      expect(found[0], `${q}: ${found.join(", ")}`).toBe("utiliser-un-smartphone-ou-une-tablette");
    }
    for (const q of ["démarches en ligne", "FranceConnect", "ameli", "impots", "carte grise", "CAF"]) {
      const found = await ranked(q);
      expect(found[0], `${q}: ${found.join(", ")}`).toBe("faire-ses-demarches-en-ligne");
    }
  });

  it("stores and returns lesson bodies as JSON objects", async () => {
    const course = await seedCourse(db, { body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "é" }] }] } });
    const user = await createUser(db);
    const page = await loadLessonPage(db, user, course.slug, course.lessons[0]!);
    expect(page.body).toEqual({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "é" }] }] });
  });
});
