import { describe, expect, it } from "vitest";
import type { PathDefinition, StepDefinition } from "./model";
import { computePathProgress, EMPTY_RECORD, masteredStepKeys, type LearnerRecord } from "./progress";

const step = (over: Partial<StepDefinition> & Pick<StepDefinition, "key" | "kind">): StepDefinition => ({
  title: `Étape ${over.key}`,
  description: "",
  courseSlug: over.kind === "course" ? `cours-${over.key}` : null,
  workshopTheme: over.kind === "workshop_theme" ? "navigation_sur_internet" : null,
  optional: false,
  requires: [],
  competences: [],
  ...over,
});

const PATH: PathDefinition = {
  slug: "autonome",
  title: "Autonome",
  audience: "seniors",
  goal: "",
  steps: [
    step({ key: "email", kind: "course", competences: ["2.1"] }),
    step({ key: "atelier", kind: "workshop_theme", optional: true }),
    step({ key: "arnaques", kind: "course", requires: ["email"], competences: ["4.1"] }),
    step({ key: "classe", kind: "classroom", requires: ["arnaques"], optional: true }),
    step({ key: "demarches", kind: "course", requires: ["arnaques"], competences: ["1.1", "4.2"] }),
  ],
};

const record = (over: Partial<LearnerRecord>): LearnerRecord => ({ ...EMPTY_RECORD, ...over });
const day = (d: number) => new Date(Date.UTC(2026, 10, d));
const statuses = (p: ReturnType<typeof computePathProgress>) => Object.fromEntries(p.steps.map((s) => [s.key, s.status]));

describe("path progress engine", () => {
  it("opens the first steps and locks those whose prerequisites are not done, naming them", () => {
    const p = computePathProgress(PATH, EMPTY_RECORD);
    expect(statuses(p)).toEqual({ email: "open", atelier: "open", arnaques: "locked", classe: "locked", demarches: "locked" });
    expect(p.steps[2]!.lockedBy).toEqual([{ key: "email", title: "Étape email" }]);
    expect(p.nextStepKey).toBe("email");
    expect(p).toMatchObject({ requiredCount: 3, requiredDone: 0, complete: false, started: false });
  });

  it("derives done steps from course completion, workshop themes and attended linked classes", () => {
    const p = computePathProgress(
      PATH,
      record({
        completedCourses: new Map([["cours-email", day(3)], ["cours-arnaques", day(5)]]),
        workshops: [
          { themes: ["email"], attendedAt: day(1) },
          { themes: ["navigation_sur_internet", "securite_numerique"], attendedAt: day(4) },
        ],
        classes: [
          { linkedPath: "/parcours/autonome#etape-classe", attended: false, heldAt: day(6) },
          { linkedPath: "/parcours/autre#etape-classe", attended: true, heldAt: day(7) },
        ],
      }),
    );
    expect(statuses(p)).toEqual({ email: "done", atelier: "done", arnaques: "done", classe: "open", demarches: "open" });
    expect(p.steps[1]!.doneAt).toEqual(day(4));
    expect(p.nextStepKey).toBe("demarches");
    expect(p.started).toBe(true);
  });

  it("counts a class only when attended (≥ 75 %) and linked to this very step", () => {
    const withClass = (linkedPath: string, attended = true) =>
      computePathProgress(
        PATH,
        record({
          completedCourses: new Map([["cours-email", day(1)], ["cours-arnaques", day(2)]]),
          classes: [{ linkedPath, attended, heldAt: day(9) }],
        }),
      ).steps[3]!.status;
    expect(withClass("/parcours/autonome#etape-classe")).toBe("done");
    expect(withClass("/parcours/autonome/#etape-classe")).toBe("done");
    expect(withClass("/parcours/autonome#etape-classe", false)).toBe("open");
    expect(withClass("/parcours/autonome")).toBe("open");
  });

  it("completes the path when every required step is done, whatever the optional ones", () => {
    const p = computePathProgress(
      PATH,
      record({ completedCourses: new Map([["cours-email", day(1)], ["cours-arnaques", day(2)], ["cours-demarches", day(3)]]) }),
    );
    expect(p.complete).toBe(true);
    expect(p.requiredDone).toBe(3);
    expect(p.nextStepKey).toBe("atelier");
  });

  it("keeps a step done even when its prerequisite is not (the record wins)", () => {
    const p = computePathProgress(PATH, record({ completedCourses: new Map([["cours-arnaques", day(1)]]) }));
    expect(statuses(p)).toMatchObject({ email: "open", arnaques: "done", demarches: "open" });
  });

  it("marks started courses in progress and missing courses unavailable", () => {
    const p = computePathProgress(PATH, record({ startedCourses: new Set(["cours-email"]) }), {
      availableCourses: new Set(["cours-email", "cours-arnaques"]),
    });
    expect(p.steps[0]!.status).toBe("in_progress");
    const q = computePathProgress(PATH, EMPTY_RECORD, { availableCourses: new Set(["cours-arnaques"]) });
    expect(q.steps[0]!.status).toBe("unavailable");
  });

  it("treats skipped steps as cleared for what follows, but not as done for the badge", () => {
    const p = computePathProgress(PATH, EMPTY_RECORD, { skipped: new Set(["email"]) });
    expect(statuses(p)).toMatchObject({ email: "skipped", arnaques: "open", demarches: "locked" });
    expect(p.nextStepKey).toBe("arnaques");
    const all = computePathProgress(PATH, record({ completedCourses: new Map([["cours-arnaques", day(1)], ["cours-demarches", day(2)]]) }), {
      skipped: new Set(["email"]),
    });
    expect(all.settled).toBe(true);
    expect(all.complete).toBe(false);
  });

  it("is a pure function: same inputs, same output", () => {
    const r = record({ completedCourses: new Map([["cours-email", day(1)]]) });
    expect(computePathProgress(PATH, r)).toEqual(computePathProgress(PATH, r));
  });
});

describe("mastered steps", () => {
  it("skips a step only when every competence it teaches was assessed and mastered", () => {
    expect([...masteredStepKeys(PATH, { "2.1": 1, "4.1": 0.5, "1.1": 0.9 })]).toEqual(["email"]);
    expect([...masteredStepKeys(PATH, { "2.1": 0.75, "4.1": 0.8, "1.1": 0.9, "4.2": 0.8 })]).toEqual(["email", "arnaques", "demarches"]);
    // "4.2" was not assessed: "demarches" stays.
    expect(masteredStepKeys(PATH, { "1.1": 1 }).has("demarches")).toBe(false);
    // A step without competences is never skipped.
    expect(masteredStepKeys(PATH, { "2.1": 1 }).has("atelier")).toBe(false);
  });
});
