import { href } from "react-router";

/**
 * Where a notification leads: a route pattern of the app and its parameters,
 * stored as such and turned into a link by `href()` where it is shown, so a
 * renamed URL never leaves dead links in people's lists.
 */
export const NOTIFICATION_ROUTES = ["/notifications", "/badges/:id", "/ateliers/:id", "/classes/:id", "/cours/:slug/lecons/:lessonId", "/accompagnement/questions"] as const;
export type NotificationRoute = (typeof NOTIFICATION_ROUTES)[number];

export interface NotificationTarget {
  route: NotificationRoute;
  params?: Record<string, string>;
  /** An anchor on the page (a question's id). */
  hash?: string;
}

const hrefOf = href as (path: NotificationRoute, params?: Record<string, string>) => string;

/** The link of a stored target; « Mes notifications » when the route is unknown (renamed since). */
export function notificationLink(route: string, params: Record<string, string>): string {
  if (!(NOTIFICATION_ROUTES as readonly string[]).includes(route)) return href("/notifications");
  const { "#": hash, ...rest } = params;
  try {
    return hrefOf(route as NotificationRoute, rest) + (hash ? `#${encodeURIComponent(hash)}` : "");
  } catch {
    return href("/notifications");
  }
}
