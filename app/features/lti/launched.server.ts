import { createCookie, href } from "react-router";
import type { Db } from "../../lib/db.server";
import { secureCookies } from "../../lib/env.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { hashToken } from "../../lib/tokens.server";
import { loadCoursePage, loadLessonPage, markLessonCompleted } from "../courses/learning.server";
import { publishedCourseById, publishedLessonById } from "../courses/links.server";
import { findPlayableContent } from "../h5p/service.server";
import { LAUNCH_TTL_MS } from "./launch.server";
import * as q from "./queries.server";
import { enqueueScoreFor } from "./scores.server";

/**
 * Cookies of the LTI pages (decision 048). Inside a platform's iframe
 * Passerelle is a third party: only `SameSite=None; Secure` cookies come
 * back there. Two such cookies exist, and no other: the login state (path
 * /lti/launch, ten minutes) and one per launch, limited to that launch's
 * pages (/lti/l/<id>). The main session cookie keeps SameSite=Lax. Over
 * plain http (development, tests) a browser refuses `Secure`: Lax then,
 * which works when the platform is on the same site.
 */
const crossSite = () => (secureCookies() ? ({ sameSite: "none", secure: true } as const) : ({ sameSite: "lax", secure: false } as const));

/** One cookie per login, named after its state: two launches in two tabs do not overwrite each other. */
export function stateCookie(state: string) {
  return createCookie(`passerelle_lti_state_${hashToken(state).slice(0, 16)}`, { httpOnly: true, path: href("/lti/launch"), maxAge: 600, ...crossSite() });
}

export function launchCookie(launchId: string) {
  return createCookie(`passerelle_lti_${launchId.replaceAll("-", "")}`, {
    httpOnly: true,
    path: href("/lti/l/:launchId", { launchId }),
    maxAge: LAUNCH_TTL_MS / 1000,
    ...crossSite(),
  });
}

export const launchEnded = () => appError(401, "launch_ended", "lti:errors.launch_ended");

/** The launch this request's cookie opens, with its user; 401 when the cookie is missing, wrong or expired. */
export async function requireLaunch(db: Db, request: Request, launchId: string, now = new Date()) {
  if (!isUuid(launchId)) throw launchEnded();
  const token = await launchCookie(launchId).parse(request.headers.get("Cookie"));
  if (typeof token !== "string" || !token) throw launchEnded();
  const launch = await q.findLaunchByToken(db, launchId, hashToken(token));
  if (!launch || launch.expires_at <= now || launch.platform_disabled_at || launch.user_disabled_at) throw launchEnded();
  const user = (await q.findUser(db, launch.user_id))!;
  return { launch, user };
}

export type OpenLaunch = Awaited<ReturnType<typeof requireLaunch>>;

/**
 * What a resource-link launch shows: the linked lesson; for a course, the
 * lesson asked for (only within that course) or its first; for an H5P
 * activity, its title and a link to play it in a new window.
 */
export async function loadLaunchedResource(db: Db, { launch, user }: OpenLaunch, lessonParam: string | null) {
  if (launch.message_type !== "LtiResourceLinkRequest" || !launch.target_id) throw launchEnded();
  if (launch.target_kind === "h5p") {
    const content = await findPlayableContent(db, launch.target_id);
    return { kind: "h5p" as const, activity: { id: content.id, title: content.title } };
  }
  let slug: string;
  let lessonId: string | null = null;
  if (launch.target_kind === "lesson") {
    const lesson = await publishedLessonById(db, launch.target_id);
    if (!lesson) throw appError(404, "not_found", "lti:errors.target_unknown");
    slug = lesson.slug;
    lessonId = lesson.lessonId;
  } else {
    const course = await publishedCourseById(db, launch.target_id);
    if (!course) throw appError(404, "not_found", "lti:errors.target_unknown");
    slug = course.slug;
    const page = await loadCoursePage(db, user, slug);
    const lessons = page.modules.flatMap((m) => m.lessons);
    lessonId = lessons.find((l) => l.id === lessonParam)?.id ?? page.resumeLessonId ?? page.firstLessonId;
    if (!lessonId) throw appError(404, "not_found", "lti:errors.target_unknown");
  }
  const page = await loadLessonPage(db, user, slug, lessonId);
  // Within a lesson launch, the pager stays on that lesson: the platform linked one lesson, not the course.
  const withinCourse = launch.target_kind === "course";
  return { kind: "lesson" as const, page: { ...page, previous: withinCourse ? page.previous : null, next: withinCourse ? page.next : null, modules: withinCourse ? page.modules : [] } };
}

/** « J'ai terminé cette leçon » inside the platform: the course records it; the score goes to the outbox at once. */
export async function completeLaunchedLesson(db: Db, open: OpenLaunch, lessonId: string, openedAt: string | null = null) {
  const { launch, user } = open;
  const resource = await loadLaunchedResource(db, open, lessonId);
  if (resource.kind !== "lesson" || resource.page.lesson.id !== lessonId) throw appError(404, "not_found", "lti:errors.target_unknown");
  await markLessonCompleted(db, user, lessonId, { openedAt });
  await enqueueScoreFor(db, launch);
  return resource.page.next?.id ?? null;
}
