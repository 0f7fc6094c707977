/**
 * The business visibility pre-diagnostic (roadmap axis III.2.a, "coaching
 * numérique"): questions for shop owners, artisans and independents, grouped
 * in six axes. Each option is worth 0, 1 or 2 points; `null` means "does not
 * apply to my business" and takes the question out of its axis. Wording lives
 * in the `business` namespace (`questions.<id>.label`, `.options.<option>`,
 * `recommendations.<id>`). A change of points means a new VERSION.
 */
export const BUSINESS_DIAGNOSTIC_VERSION = 1;

export const AXES = ["findability", "website", "social", "reviews", "online_sales", "security"] as const;
export type Axis = (typeof AXES)[number];

export const SECTORS = ["commerce", "craft", "food", "services", "independent", "other"] as const;
export type Sector = (typeof SECTORS)[number];

export interface BusinessQuestion {
  id: string;
  axis: Axis;
  options: { id: string; points: 0 | 1 | 2 | null }[];
}

export const MAX_POINTS = 2;

const o = (id: string, points: 0 | 1 | 2 | null) => ({ id, points });

export const BUSINESS_QUESTIONS: readonly BusinessQuestion[] = [
  { id: "maps_listing", axis: "findability", options: [o("complete", 2), o("incomplete", 1), o("none", 0), o("dont_know", 0)] },
  { id: "directories", axis: "findability", options: [o("several", 2), o("one", 1), o("none", 0)] },
  { id: "consistent_info", axis: "findability", options: [o("yes", 2), o("not_sure", 1), o("no", 0)] },
  { id: "website", axis: "website", options: [o("own_site", 2), o("page_only", 1), o("none", 0)] },
  { id: "mobile_friendly", axis: "website", options: [o("yes", 2), o("partly", 1), o("no", 0), o("no_site", 0)] },
  { id: "website_updated", axis: "website", options: [o("recent", 2), o("over_6_months", 1), o("over_2_years", 0), o("no_site", 0)] },
  { id: "social_presence", axis: "social", options: [o("active", 2), o("rarely", 1), o("none", 0)] },
  { id: "social_content", axis: "social", options: [o("often", 2), o("sometimes", 1), o("never", 0)] },
  { id: "reviews_received", axis: "reviews", options: [o("many", 2), o("few", 1), o("none", 0), o("dont_know", 0)] },
  { id: "reviews_replied", axis: "reviews", options: [o("always", 2), o("sometimes", 1), o("never", 0)] },
  { id: "online_booking", axis: "online_sales", options: [o("yes", 2), o("by_message", 1), o("no", 0), o("not_relevant", null)] },
  { id: "online_payment", axis: "online_sales", options: [o("yes", 2), o("partly", 1), o("no", 0), o("not_relevant", null)] },
  { id: "backups", axis: "security", options: [o("regular", 2), o("sometimes", 1), o("never", 0)] },
  { id: "account_protection", axis: "security", options: [o("yes", 2), o("partly", 1), o("no", 0), o("dont_know", 0)] },
  { id: "updates", axis: "security", options: [o("automatic", 2), o("sometimes", 1), o("never", 0)] },
];

/** The path recommended to every business owner, and the workshop theme of coaching sessions. */
export const BUSINESS_PATH_SLUG = "developper-son-activite-en-ligne";
export const COACHING_WORKSHOP_THEME = "entrepreneuriat";
