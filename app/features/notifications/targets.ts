import { href } from "react-router";

type Params = Record<string, string>;
/** One path segment: a stored value never adds segments (href() does not encode). */
const p = (params: Params, key: string) => encodeURIComponent(params[key] ?? "");

/**
 * Where a notification leads: a named route of the app and its parameters,
 * stored as such (never a built URL) and turned into a link by `href()` where
 * it is shown — so a renamed URL changes here, type-checked, and no stored
 * notification is left with a dead link.
 */
const ROUTES = {
  notifications: () => href("/notifications"),
  badge: (params: Params) => href("/badges/:id", { id: p(params, "id") }),
  workshop: (params: Params) => href("/ateliers/:id", { id: p(params, "id") }),
  classroom: (params: Params) => href("/classes/:id", { id: p(params, "id") }),
  lesson: (params: Params) => href("/cours/:slug/lecons/:lessonId", { slug: p(params, "slug"), lessonId: p(params, "lessonId") }),
  questionQueue: () => href("/accompagnement/questions"),
  jobPath: (params: Params) => href("/emplois/:id/parcours", { id: p(params, "id") }),
  jobApplicants: () => href("/emplois/candidatures"),
  jobProject: () => href("/emplois/mon-projet"),
} satisfies Record<string, (params: Params) => string>;

export type NotificationRoute = keyof typeof ROUTES;

export interface NotificationTarget {
  route: NotificationRoute;
  params?: Params;
  /** An anchor on the page (a question's id). */
  hash?: string;
}

/** The link of a stored target; « Mes notifications » when the route is unknown (removed since). */
export function notificationLink(route: string, params: Params): string {
  const build = Object.hasOwn(ROUTES, route) ? ROUTES[route as NotificationRoute] : undefined;
  if (!build) return href("/notifications");
  const hash = params["#"];
  return build(params) + (hash ? `#${encodeURIComponent(hash)}` : "");
}
