import { readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { PATH_FOR_AUDIENCE } from "../diagnostic/questions";
import { PathFileSchema, PIX_COMPETENCES, readCourseBadgeFiles, readPathFiles, THEMES } from "./import.server";

const root = path.resolve(import.meta.dirname, "../../..");
const standards = path.resolve(root, "../shared/standards");

const base = {
  slug: "essai",
  title: "Essai",
  audience: "seniors",
  goal: "Un but.",
  badge: { name: "B", description: "D", criteria: "C" },
};

describe("path files", () => {
  it("copies the national codes exactly", () => {
    const vocabulary = JSON.parse(readFileSync(path.join(standards, "mediation-activity-vocabulary.json"), "utf8"));
    expect([...THEMES]).toEqual(vocabulary.thematique);
    const frameworks = JSON.parse(readFileSync(path.join(standards, "competence-frameworks.json"), "utf8"));
    expect([...PIX_COMPETENCES]).toEqual(frameworks.pix.flatMap((d: { competences: [string][] }) => d.competences.map(([c]) => c)));
  });

  it("ships the four paths, one per audience, the ones the diagnostic recommends", async () => {
    const files = await readPathFiles(path.join(root, "content/paths"));
    expect(files.map((f) => f.data.audience).sort()).toEqual(["business_owners", "job_seekers", "seniors", "youth"]);
    expect(files.map((f) => f.data.slug).sort()).toEqual(Object.values(PATH_FOR_AUDIENCE).sort());
    expect(files.map((f) => f.data.title).sort()).toEqual([
      "Autonome avec le numérique au quotidien",
      "Créer et coder",
      "Développer son activité en ligne",
      "Trouver un emploi avec le numérique",
    ]);
    for (const f of files) {
      // File name = slug; every path mixes kinds of steps, with prerequisites and optional steps.
      expect(path.basename(f.file, ".md")).toBe(f.data.slug);
      const kinds = new Set(f.data.steps.map((s) => (s.course ? "course" : s.workshop ? "workshop" : "classroom")));
      expect([...kinds].sort(), f.data.slug).toEqual(["classroom", "course", "workshop"]);
      expect(f.data.steps.some((s) => s.optional), f.data.slug).toBe(true);
      expect(f.data.steps.some((s) => s.requires.length), f.data.slug).toBe(true);
    }
  });

  it("gives the seniors path an open first step and a third step behind a prerequisite", async () => {
    const [seniors] = (await readPathFiles(path.join(root, "content/paths"))).filter((f) => f.data.audience === "seniors");
    expect(seniors!.data.steps[0]!.requires).toEqual([]);
    expect(seniors!.data.steps[2]!.requires).toEqual([seniors!.data.steps[0]!.key]);
  });

  it("reads the course badges", async () => {
    const badges = await readCourseBadgeFiles(path.join(root, "content/badges"));
    expect(badges.map((b) => b.data.course)).toContain("decouvrir-la-programmation");
  });

  it("refuses broken files with a message that names the problem", () => {
    const step = (over: object) => ({ key: "a", title: "A", course: "un-cours", ...over });
    const bad: [string, object, RegExp][] = [
      ["two targets", { steps: [step({ workshop: "email" })] }, /exactly one/],
      ["unknown theme", { steps: [step({ course: undefined, workshop: "cuisine" })] }, /workshop/],
      ["forward prerequisite", { steps: [step({ requires: ["b"] }), step({ key: "b" })] }, /not an earlier step/],
      ["duplicate key", { steps: [step({}), step({})] }, /duplicate/],
      ["required after optional", { steps: [step({ optional: true }), step({ key: "b", requires: ["a"] })] }, /cannot depend on optional/],
      ["only optional", { steps: [step({ optional: true })] }, /at least one required/],
      ["unknown competence", { steps: [step({ competences: ["9.9"] })] }, /competences/],
    ];
    for (const [label, over, message] of bad) {
      const result = PathFileSchema.safeParse({ ...base, ...over });
      expect(result.success, label).toBe(false);
      expect(JSON.stringify(result.error?.issues), label).toMatch(message);
    }
    expect(PathFileSchema.safeParse({ ...base, steps: [step({})] }).success).toBe(true);
  });

  it("keeps the Markdown body out of the front matter", () => {
    const raw = readFileSync(path.join(root, "content/paths/autonome-avec-le-numerique.md"), "utf8");
    expect(matter(raw).content).toContain("se débrouiller seuls");
  });
});
