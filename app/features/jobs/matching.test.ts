import { describe, expect, it } from "vitest";
import { buildPath, MASTERY_THRESHOLD, matchSkills, normaliseCommune, pathProgress, profileWantsOffer } from "./matching";

const needed = [
  { competence: "3.1", level: null },
  { competence: "2.1", level: 2 },
];

describe("matchSkills", () => {
  it("counts a skill named by a badge, and lists the other to learn", () => {
    const m = matchSkills(needed, [{ id: "b1", name: "Courriel", competences: ["2.1", "2.2"] }], null);
    expect(m.have).toEqual([{ competence: "2.1", level: 2, source: "badge", badgeId: "b1", badgeName: "Courriel" }]);
    expect(m.toLearn).toEqual([{ competence: "3.1", level: null }]);
  });

  it("counts the diagnostic only at or above the threshold", () => {
    expect(matchSkills(needed, [], { "3.1": MASTERY_THRESHOLD, "2.1": MASTERY_THRESHOLD - 0.01 })).toEqual({
      have: [{ competence: "3.1", level: null, source: "diagnostic", badgeId: null, badgeName: null }],
      toLearn: [{ competence: "2.1", level: 2 }],
    });
  });

  it("prefers the badge (verifiable) over the diagnostic", () => {
    const m = matchSkills([{ competence: "2.1", level: null }], [{ id: "b", name: "B", competences: ["2.1"] }], { "2.1": 1 });
    expect(m.have[0]?.source).toBe("badge");
  });

  it("with no badge and no diagnostic, everything is to learn", () => {
    expect(matchSkills(needed, [], null).toLearn.map((s) => s.competence)).toEqual(["2.1", "3.1"]);
  });
});

describe("buildPath", () => {
  const courses = [
    { slug: "traitement-de-texte", title: "Écrire un CV", competences: ["3.1"] },
    { slug: "courriel", title: "Le courriel", competences: ["2.1"] },
  ];
  const workshops = [
    { id: "w1", title: "Atelier bureautique", startsAt: new Date("2027-01-10T09:00:00Z"), themes: ["bureautique"] },
    { id: "w2", title: "Atelier santé", startsAt: new Date("2027-01-11T09:00:00Z"), themes: ["sante"] },
  ];

  it("lists for each missing skill the courses, workshops and appointment reasons that teach it", () => {
    const [step] = buildPath([{ competence: "3.1", level: null }], courses, workshops);
    expect(step).toEqual({
      competence: "3.1",
      courses: [{ slug: "traitement-de-texte", title: "Écrire un CV" }],
      workshops: [{ id: "w1", title: "Atelier bureautique", startsAt: workshops[0]!.startsAt }],
      reasons: ["ordinateur", "emploi"],
    });
  });

  it("counts a step done once one of its courses is completed", () => {
    const steps = buildPath(needed, courses, workshops);
    expect(pathProgress(steps, new Set())).toEqual({ done: 0, count: 2 });
    expect(pathProgress(steps, new Set(["courriel"]))).toEqual({ done: 1, count: 2 });
  });
});

describe("profileWantsOffer", () => {
  const profile = { sectors: ["commerce"], communes: ["Pont-Sainte-Maxence"] };

  it("needs both the sector and a reachable commune, whatever the accents and case", () => {
    expect(profileWantsOffer(profile, { sector: "commerce", commune: "pont sainte maxence" })).toBe(true);
    expect(profileWantsOffer(profile, { sector: "industrie", commune: "Pont-Sainte-Maxence" })).toBe(false);
    expect(profileWantsOffer(profile, { sector: "commerce", commune: "Rieux" })).toBe(false);
  });

  it("normalises commune names", () => {
    expect(normaliseCommune("  Les Ageux ")).toBe(normaliseCommune("les-ageux"));
    expect(normaliseCommune("Évry")).toBe("evry");
  });
});
