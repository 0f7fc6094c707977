/**
 * What a badge rests on: the courses completed (lessons, time, score), the
 * workshops and virtual classes attended, with their dates. Pure: the
 * requirement check and the Open Badges 3.0 `Evidence` objects are built from
 * facts read elsewhere (evidence.server.ts), and tested on their own.
 */
export interface CourseEffort {
  slug: string;
  title: string;
  completedAt: Date;
  lessonsDone: number;
  minutes: number;
  /** The lowest best score among the scored lessons (0..1), null when none was scored. */
  lowestScore: number | null;
}

export interface AttendanceEvidence {
  kind: "workshop" | "classroom";
  title: string;
  date: Date;
  place: string | null;
}

export interface Requirements {
  pass_mark: number | null;
  min_lesson_minutes: number | null;
}

export type Shortfall = { reason: "score"; needed: number; got: number | null } | { reason: "time"; needed: number; got: number };

/** Why the evidence is not enough yet (null when it is). Clicking "done" through the lessons earns nothing by itself. */
export function shortfall(requirements: Requirements, courses: readonly CourseEffort[]): Shortfall | null {
  if (requirements.pass_mark !== null) {
    const scores = courses.map((c) => c.lowestScore).filter((s): s is number => s !== null);
    const lowest = scores.length ? Math.min(...scores) : null;
    if (lowest === null || lowest < requirements.pass_mark) return { reason: "score", needed: requirements.pass_mark, got: lowest };
  }
  if (requirements.min_lesson_minutes !== null) {
    const minutes = Math.floor(courses.reduce((sum, c) => sum + c.minutes, 0));
    if (minutes < requirements.min_lesson_minutes) return { reason: "time", needed: requirements.min_lesson_minutes, got: minutes };
  }
  return null;
}

/** OB 3.0 `Evidence` (§B.1.6): a name, a description a person reads, a genre. */
export interface Ob3Evidence {
  type: ["Evidence"];
  name: string;
  description: string;
  genre: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The evidence as listed in the credential (in French, like the rest of it: `inLanguage` "fr"). */
export function ob3Evidence(courses: readonly CourseEffort[], attended: readonly AttendanceEvidence[]): Ob3Evidence[] {
  const list: Ob3Evidence[] = courses.map((c) => ({
    type: ["Evidence"],
    name: `Cours « ${c.title} »`,
    description: [
      `Terminé le ${day(c.completedAt)}`,
      `${c.lessonsDone} leçon${c.lessonsDone > 1 ? "s" : ""}`,
      `${Math.floor(c.minutes)} min dans les leçons`,
      ...(c.lowestScore !== null ? [`score ${Math.round(c.lowestScore * 100)} %`] : []),
    ].join(" ; "),
    genre: "Cours en ligne",
  }));
  for (const a of attended) {
    list.push({
      type: ["Evidence"],
      name: a.kind === "workshop" ? `Atelier « ${a.title} »` : `Classe virtuelle « ${a.title} »`,
      description: [`Présence le ${day(a.date)}`, ...(a.place ? [a.place] : [])].join(" ; "),
      genre: a.kind === "workshop" ? "Atelier en présentiel" : "Classe virtuelle",
    });
  }
  return list;
}
