import { describe, expect, it } from "vitest";
import { ob3Evidence, shortfall, type CourseEffort } from "./evidence";

const course = (over: Partial<CourseEffort> = {}): CourseEffort => ({
  slug: "c",
  title: "Créer et utiliser une adresse e-mail",
  completedAt: new Date("2026-12-03T10:00:00Z"),
  lessonsDone: 5,
  minutes: 0.2,
  lowestScore: null,
  ...over,
});

describe("badge requirements", () => {
  it("refuses five lessons clicked through in ten seconds when time is required", () => {
    expect(shortfall({ pass_mark: null, min_lesson_minutes: 15 }, [course()])).toEqual({ reason: "time", needed: 15, got: 0 });
    expect(shortfall({ pass_mark: null, min_lesson_minutes: 15 }, [course({ minutes: 9 }), course({ minutes: 7 })])).toBeNull();
  });

  it("needs a scored activity at or above the pass mark", () => {
    const req = { pass_mark: 0.7, min_lesson_minutes: null };
    expect(shortfall(req, [course()])).toEqual({ reason: "score", needed: 0.7, got: null });
    expect(shortfall(req, [course({ lowestScore: 0.69 })])).toEqual({ reason: "score", needed: 0.7, got: 0.69 });
    expect(shortfall(req, [course({ lowestScore: 0.7 })])).toBeNull();
  });

  it("asks nothing more when the achievement sets nothing", () => {
    expect(shortfall({ pass_mark: null, min_lesson_minutes: null }, [])).toBeNull();
  });
});

describe("OB 3.0 evidence", () => {
  it("lists what was completed, the score, the workshop attended and the dates", () => {
    const list = ob3Evidence([course({ minutes: 21.7, lowestScore: 0.8 })], [
      { kind: "workshop", title: "Visibilité en ligne", date: new Date("2026-12-05T09:00:00Z"), place: "Médiathèque de Creil" },
    ]);
    expect(list).toEqual([
      {
        type: ["Evidence"],
        name: "Cours « Créer et utiliser une adresse e-mail »",
        description: "Terminé le 2026-12-03 ; 5 leçons ; 21 min dans les leçons ; score 80 %",
        genre: "Cours en ligne",
      },
      { type: ["Evidence"], name: "Atelier « Visibilité en ligne »", description: "Présence le 2026-12-05 ; Médiathèque de Creil", genre: "Atelier en présentiel" },
    ]);
  });
});
