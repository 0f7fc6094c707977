import type { ReasonCode } from "../appointments/reasons";
import { MASTERY_THRESHOLD } from "../paths/progress";

/**
 * Matching a person with an offer (decision 046), pure so that it is tested
 * beside the code. A skill (a PIX competence) counts as « acquired » when a
 * verified, non-revoked badge names it, or when the person's latest placement
 * diagnostic scored it at least MASTERY_THRESHOLD — the same bar at which a
 * path lets a step be skipped, so the two pages never disagree. The level a
 * partner may state (PIX 1–8) is shown, not compared: our badges and
 * diagnostic do not measure PIX levels.
 */
export { MASTERY_THRESHOLD };

export type SkillSource = "badge" | "diagnostic";

export interface HeldBadge {
  id: string;
  name: string;
  competences: readonly string[];
}

export interface OfferSkill {
  competence: string;
  level: number | null;
}

export interface SkillHave {
  competence: string;
  level: number | null;
  source: SkillSource;
  /** The badge that proves it, when one does (the partner may verify it). */
  badgeId: string | null;
  badgeName: string | null;
}

export interface SkillMatch {
  have: SkillHave[];
  toLearn: OfferSkill[];
}

export function matchSkills(needed: readonly OfferSkill[], badges: readonly HeldBadge[], scores: Readonly<Record<string, number>> | null): SkillMatch {
  const have: SkillHave[] = [];
  const toLearn: OfferSkill[] = [];
  for (const skill of [...needed].sort((a, b) => a.competence.localeCompare(b.competence))) {
    const badge = badges.find((b) => b.competences.includes(skill.competence));
    if (badge) {
      have.push({ ...skill, source: "badge", badgeId: badge.id, badgeName: badge.name });
    } else if ((scores?.[skill.competence] ?? -1) >= MASTERY_THRESHOLD) {
      have.push({ ...skill, source: "diagnostic", badgeId: null, badgeName: null });
    } else {
      toLearn.push(skill);
    }
  }
  return { have, toLearn };
}

/**
 * Workshops and appointment reasons carry national themes, not PIX
 * competences: which themes teach which competence. Kept short and
 * conservative — a theme appears only where its workshops plainly practise
 * the competence.
 */
export const THEME_COMPETENCES: Readonly<Record<string, readonly string[]>> = {
  navigation_sur_internet: ["1.1", "1.2"],
  email: ["2.1"],
  reseaux_sociaux: ["2.2", "2.3"],
  bureautique: ["3.1", "3.2"],
  creer_avec_le_numerique: ["3.1", "3.3"],
  securite_numerique: ["4.1", "4.2"],
  prendre_en_main_du_materiel: ["5.1"],
  maintenance_de_materiel: ["5.1"],
  gere_ses_contenus_numeriques: ["1.3", "5.2"],
  insertion_professionnelle: ["2.1", "3.1"],
};

/** The appointment reasons that help with a competence (one-to-one help). */
export const REASON_COMPETENCES: Readonly<Partial<Record<ReasonCode, readonly string[]>>> = {
  smartphone: ["5.1"],
  ordinateur: ["5.1", "3.1"],
  email: ["2.1"],
  emploi: ["2.1", "3.1"],
};

export function themesTeaching(competence: string): string[] {
  return Object.entries(THEME_COMPETENCES)
    .filter(([, competences]) => competences.includes(competence))
    .map(([theme]) => theme);
}

export function reasonsTeaching(competence: string): ReasonCode[] {
  return (Object.entries(REASON_COMPETENCES) as [ReasonCode, readonly string[]][])
    .filter(([, competences]) => competences.includes(competence))
    .map(([reason]) => reason);
}

export interface PathCourse {
  slug: string;
  title: string;
  competences: readonly string[];
}

export interface PathWorkshop {
  id: string;
  title: string;
  startsAt: Date;
  themes: readonly string[];
}

export interface PathStep {
  competence: string;
  courses: { slug: string; title: string }[];
  workshops: { id: string; title: string; startsAt: Date }[];
  reasons: ReasonCode[];
}

/**
 * The offer's professional path: for each skill to learn, the published
 * courses, upcoming workshops and appointment reasons that teach it.
 */
export function buildPath(toLearn: readonly OfferSkill[], courses: readonly PathCourse[], workshops: readonly PathWorkshop[]): PathStep[] {
  return toLearn.map(({ competence }) => {
    const themes = new Set(themesTeaching(competence));
    return {
      competence,
      courses: courses.filter((c) => c.competences.includes(competence)).map(({ slug, title }) => ({ slug, title })),
      workshops: workshops.filter((w) => w.themes.some((t) => themes.has(t))).map(({ id, title, startsAt }) => ({ id, title, startsAt })),
      reasons: reasonsTeaching(competence),
    };
  });
}

/**
 * Progress on a followed path: a skill is learnt once a badge or the
 * diagnostic shows it, or once one of the courses that teach it is completed.
 */
export function pathProgress(steps: readonly PathStep[], completedCourses: ReadonlySet<string>) {
  const done = steps.filter((s) => s.courses.some((c) => completedCourses.has(c.slug))).length;
  return { done, count: steps.length };
}

/** Commune names as people type them: case, accents and hyphens do not matter. */
export function normaliseCommune(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Whether a new offer is worth an alert for a profile: a sector the person
 * wants and a commune they said they can reach (both required — an alert
 * for every offer of the territory would soon be ignored).
 */
export function profileWantsOffer(profile: { sectors: readonly string[]; communes: readonly string[] }, offer: { sector: string; commune: string }): boolean {
  const commune = normaliseCommune(offer.commune);
  return profile.sectors.includes(offer.sector) && profile.communes.some((c) => normaliseCommune(c) === commune);
}
