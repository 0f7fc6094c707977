/**
 * What the dashboard and the yearly report show, grouped by the axes of the
 * community's digital roadmap (feuille de route numérique 2017-2020).
 * Labels live in the `reports` locale under the same ids.
 */
export type Unit = "count" | "hours" | "percent";

export type FigureDef =
  /** Sum of an additive indicator (category '*' unless given). */
  | { kind: "count"; indicator: string; category?: string; byProfile: boolean; unit?: "hours" }
  /**
   * Different people over the period, across one or more people indicators,
   * plus an additive count of people without an account (unique by construction).
   */
  | {
      kind: "people";
      indicators: string[];
      category?: string;
      audience?: string;
      plusCount?: string;
      /** An additive count of the same people per month (all spaces), for monthly charts without a space filter. */
      perMonth?: string;
    }
  /** People whose first month ever is inside the period / before it. */
  | { kind: "first_time" | "returning"; indicator: string }
  /** num / den as a percentage (ids of other figures). */
  | { kind: "ratio"; num: string; den: string }
  /** Read live, not from the aggregates. */
  | { kind: "live"; what: "spaces" | "datasets" };

export const FIGURES = {
  "mediation.admin": { kind: "count", indicator: "mediation.admin", byProfile: true },
  "opendata.spaces": { kind: "live", what: "spaces" },
  "opendata.datasets": { kind: "live", what: "datasets" },

  "mediation.accompaniments": { kind: "count", indicator: "mediation.accompaniments", byProfile: true },
  "mediation.individual": { kind: "count", indicator: "mediation.accompaniments", category: "individuel", byProfile: true },
  "mediation.collective": { kind: "count", indicator: "mediation.accompaniments", category: "collectif", byProfile: true },
  "mediation.people": {
    kind: "people",
    indicators: ["mediation.people"],
    plusCount: "mediation.anonymous_people",
    perMonth: "mediation.people_month",
  },
  "mediation.first_time": { kind: "first_time", indicator: "mediation.people" },
  "mediation.returning": { kind: "returning", indicator: "mediation.people" },
  "mediation.unidentified": { kind: "count", indicator: "mediation.anonymous_people", byProfile: true },
  "mediation.hours": { kind: "count", indicator: "mediation.minutes", byProfile: true, unit: "hours" },
  "mediation.anonymous_participants": { kind: "count", indicator: "mediation.anonymous_participants", byProfile: true },

  "learning.active": { kind: "people", indicators: ["courses.active", "xapi.active"] },
  "courses.enrolments": { kind: "count", indicator: "courses.enrolments", byProfile: true },
  "courses.completions": { kind: "count", indicator: "courses.completions", byProfile: true },
  "courses.completion_rate": { kind: "ratio", num: "courses.completions", den: "courses.enrolments" },
  "courses.hours": { kind: "count", indicator: "courses.minutes", byProfile: true, unit: "hours" },
  "xapi.hours": { kind: "count", indicator: "xapi.minutes", byProfile: true, unit: "hours" },
  "xapi.statements": { kind: "count", indicator: "xapi.statements", byProfile: true },

  "classes.sessions": { kind: "count", indicator: "classes.sessions", byProfile: false },
  "classes.registrations": { kind: "count", indicator: "classes.registrations", byProfile: true },
  "classes.attended": { kind: "count", indicator: "classes.attended", byProfile: true },
  "classes.attendance_rate": { kind: "ratio", num: "classes.attended", den: "classes.registrations" },
  "classes.people": { kind: "people", indicators: ["classes.people"] },

  "workshops.sessions": { kind: "count", indicator: "workshops.sessions", byProfile: false },
  "workshops.seats": { kind: "count", indicator: "workshops.seats", byProfile: false },
  "workshops.bookings": { kind: "count", indicator: "workshops.bookings", byProfile: true },
  "workshops.fill_rate": { kind: "ratio", num: "workshops.bookings", den: "workshops.seats" },
  "workshops.attendance": { kind: "count", indicator: "workshops.attendance", byProfile: true },
  "workshops.attended_booked": { kind: "count", indicator: "workshops.attended_booked", byProfile: true },
  "workshops.attendance_rate": { kind: "ratio", num: "workshops.attended_booked", den: "workshops.bookings" },
  "workshops.waitlist": { kind: "count", indicator: "workshops.waitlist", byProfile: true },
  "workshops.people": { kind: "people", indicators: ["workshops.people"] },

  "paths.badges": { kind: "count", indicator: "paths.badges", byProfile: true },
  /** A path's badge is issued when the path is done (paths keep no enrolment: progress is read from the record). */
  "paths.completed": { kind: "count", indicator: "paths.badges", category: "path", byProfile: true },
  "paths.badge_holders": { kind: "people", indicators: ["paths.badge_holders"] },
  "paths.diagnostics": { kind: "count", indicator: "paths.diagnostics", byProfile: true },
  /** « Je suis ce parcours »: choices made in the period (a learner who leaves and comes back counts twice). */
  "paths.choices": { kind: "count", indicator: "paths.choices", byProfile: true },

  "business.diagnostics": { kind: "count", indicator: "business.diagnostics", byProfile: true },
  "business.people": { kind: "people", indicators: ["mediation.people"], audience: "entrepreneurs", plusCount: "mediation.anonymous_people" },
  "business.accompaniments": { kind: "count", indicator: "mediation.themes", category: "entrepreneuriat", byProfile: true },
  "employment.people": { kind: "people", indicators: ["mediation.people"], audience: "demandeurs_emploi", plusCount: "mediation.anonymous_people" },
  "employment.accompaniments": { kind: "count", indicator: "mediation.themes", category: "insertion_professionnelle", byProfile: true },
} satisfies Record<string, FigureDef>;

export type FigureId = keyof typeof FIGURES;

export function figureUnit(id: FigureId): Unit {
  const def: FigureDef = FIGURES[id];
  if (def.kind === "ratio") return "percent";
  if (def.kind === "count" && def.unit === "hours") return "hours";
  return "count";
}

export type ChartDef =
  | {
      id: string;
      kind: "monthly";
      /** One series per figure (count or people figures), bars grouped by month. */
      series: FigureId[];
    }
  | {
      id: string;
      kind: "breakdown";
      /** Break a count indicator down by its categories, or people by a dimension. */
      of: { count: string } | { people: string[]; plusCount?: string };
      by: "category" | "audience" | "commune" | "space";
      /** i18n prefix of category labels. */
      labels?: "themes" | "autonomy" | "audiences" | "kinds" | "paths";
      top?: number;
    };

export interface SectionDef {
  id: string;
  /** The roadmap measure it reports on (e.g. "II.1.a"). */
  ref: string;
  figures: FigureId[];
  charts: ChartDef[];
}

export interface AxisDef {
  id: "axe1" | "axe2" | "axe3";
  sections: SectionDef[];
}

export const AXES: readonly AxisDef[] = [
  {
    id: "axe1",
    sections: [
      { id: "e_administration", ref: "I.1.a", figures: ["mediation.admin"], charts: [] },
      { id: "open_data", ref: "I.2.a", figures: ["opendata.spaces", "opendata.datasets"], charts: [] },
    ],
  },
  {
    id: "axe2",
    sections: [
      {
        id: "mediation",
        ref: "II.1",
        figures: [
          "mediation.accompaniments",
          "mediation.individual",
          "mediation.collective",
          "mediation.people",
          "mediation.first_time",
          "mediation.returning",
          "mediation.unidentified",
          "mediation.hours",
          "mediation.anonymous_participants",
        ],
        charts: [
          { id: "mediation_monthly", kind: "monthly", series: ["mediation.individual", "mediation.collective"] },
          { id: "mediation_people_monthly", kind: "monthly", series: ["mediation.people"] },
          { id: "mediation_themes", kind: "breakdown", of: { count: "mediation.themes" }, by: "category", labels: "themes", top: 12 },
          { id: "mediation_autonomy", kind: "breakdown", of: { count: "mediation.autonomy" }, by: "category", labels: "autonomy" },
          {
            id: "mediation_audiences",
            kind: "breakdown",
            of: { people: ["mediation.people"], plusCount: "mediation.anonymous_people" },
            by: "audience",
            labels: "audiences",
          },
          { id: "mediation_communes", kind: "breakdown", of: { people: ["mediation.people"], plusCount: "mediation.anonymous_people" }, by: "commune", top: 20 },
          { id: "mediation_spaces", kind: "breakdown", of: { count: "mediation.accompaniments" }, by: "space" },
        ],
      },
      {
        id: "elearning",
        ref: "II.2.b",
        figures: ["learning.active", "courses.enrolments", "courses.completions", "courses.completion_rate", "courses.hours", "xapi.hours", "xapi.statements"],
        charts: [
          { id: "elearning_monthly", kind: "monthly", series: ["courses.enrolments", "courses.completions"] },
          { id: "elearning_audiences", kind: "breakdown", of: { people: ["courses.active", "xapi.active"] }, by: "audience", labels: "audiences" },
        ],
      },
      {
        id: "classes",
        ref: "II.2.b",
        figures: ["classes.sessions", "classes.registrations", "classes.attended", "classes.attendance_rate", "classes.people"],
        charts: [{ id: "classes_monthly", kind: "monthly", series: ["classes.registrations", "classes.attended"] }],
      },
      {
        id: "workshops",
        ref: "II.3.a",
        figures: [
          "workshops.sessions",
          "workshops.seats",
          "workshops.bookings",
          "workshops.fill_rate",
          "workshops.attendance",
          "workshops.attendance_rate",
          "workshops.waitlist",
          "workshops.people",
        ],
        charts: [
          { id: "workshops_monthly", kind: "monthly", series: ["workshops.seats", "workshops.bookings", "workshops.attendance"] },
          { id: "workshops_spaces", kind: "breakdown", of: { count: "workshops.sessions" }, by: "space" },
        ],
      },
      {
        id: "paths",
        ref: "II.4.b",
        figures: ["paths.diagnostics", "paths.choices", "paths.completed", "paths.badges", "paths.badge_holders"],
        charts: [
          { id: "paths_badges", kind: "breakdown", of: { count: "paths.badges" }, by: "category", labels: "kinds" },
          { id: "paths_choices", kind: "breakdown", of: { count: "paths.choices" }, by: "category", labels: "paths" },
          { id: "paths_choices_audiences", kind: "breakdown", of: { count: "paths.choices" }, by: "audience", labels: "audiences" },
        ],
      },
    ],
  },
  {
    id: "axe3",
    sections: [
      { id: "coaching", ref: "III.2.a", figures: ["business.diagnostics", "business.people", "business.accompaniments"], charts: [] },
      { id: "employment", ref: "III.4", figures: ["employment.people", "employment.accompaniments"], charts: [] },
    ],
  },
];

export const ALL_CHARTS: readonly ChartDef[] = AXES.flatMap((a) => a.sections.flatMap((s) => s.charts));

/** Audience codes of learner profiles (accounts), '' = not recorded. */
export const AUDIENCES = ["seniors", "jeunes", "demandeurs_emploi", "entrepreneurs", "autre"] as const;
