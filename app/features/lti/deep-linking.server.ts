import { href } from "react-router";
import type { Db } from "../../lib/db.server";
import { appError, isAppError } from "../../lib/errors";
import { publicUrl } from "../../lib/public-url.server";
import { generateToken } from "../../lib/tokens.server";
import { loadCatalogue, loadCoursePage } from "../courses/learning.server";
import { publishedCourseById, publishedLessonById } from "../courses/links.server";
import { findPlayableContent, listLinkableActivities } from "../h5p/service.server";
import { CLAIM } from "./claims";
import { signAsTool } from "./keys.server";
import { launchEnded, type OpenLaunch } from "./launched.server";
import type { DeepLinkInput } from "./schemas";
import { SCORE_MAXIMUM } from "./scores.server";

function requireDeepLinking(open: OpenLaunch) {
  if (open.launch.message_type !== "LtiDeepLinkingRequest" || !open.launch.deep_link_return_url) throw launchEnded();
  return open.launch;
}

/**
 * The teacher's choices (Deep Linking 2.0 §4): the published courses a page
 * at a time, the lessons of the course they opened, and the H5P activities.
 * Read from the courses and H5P domains as any visitor sees them.
 */
export async function loadDeepLinkingChoices(db: Db, open: OpenLaunch, { courseSlug, page }: { courseSlug: string | null; page: number }) {
  const launch = requireDeepLinking(open);
  const catalogue = await loadCatalogue(db, null, { page });
  let course = null;
  if (courseSlug) {
    try {
      const found = await loadCoursePage(db, null, courseSlug);
      course = { id: found.course.id, slug: found.course.slug, title: found.course.title, lessons: found.modules.flatMap((m) => m.lessons.map((l) => ({ id: l.id, title: l.title }))) };
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  const activities = await listLinkableActivities(db);
  return {
    courses: catalogue.courses.map((c) => ({ slug: c.slug, title: c.title })),
    page: catalogue.page,
    pageCount: catalogue.pageCount,
    course,
    activities: activities.map((a) => ({ id: a.id, title: a.title })),
    returnOrigin: new URL(launch.deep_link_return_url!).origin,
  };
}

/** The picked item as an `ltiResourceLink`: its Passerelle address, and the custom parameter our launches read first. */
async function contentItem(db: Db, input: DeepLinkInput) {
  const [kind, id] = input.item.split(":") as ["course" | "lesson" | "h5p", string];
  const base = publicUrl();
  let title: string;
  let url: string;
  if (kind === "lesson") {
    const lesson = await publishedLessonById(db, id);
    if (!lesson) throw appError(404, "not_found", "lti:errors.target_unknown");
    title = lesson.title;
    url = base + href("/cours/:slug/lecons/:lessonId", { slug: lesson.slug, lessonId: id });
  } else if (kind === "course") {
    const course = await publishedCourseById(db, id);
    if (!course) throw appError(404, "not_found", "lti:errors.target_unknown");
    title = course.title;
    url = base + href("/cours/:slug", { slug: course.slug });
  } else {
    const content = await findPlayableContent(db, id);
    title = content.title;
    // The activity's page (the sandboxed player's address is no page to link to).
    url = base + href("/activites/:contentId", { contentId: id });
  }
  return {
    type: "ltiResourceLink",
    title,
    url,
    custom: { passerelle_target: `${kind}:${id}` },
    ...(input.graded ? { lineItem: { scoreMaximum: SCORE_MAXIMUM, label: title, resourceId: `${kind}:${id}` } } : {}),
  };
}

/**
 * The signed LtiDeepLinkingResponse (Deep Linking 2.0 §4.2): issued by our
 * client id to the platform, with a fresh nonce, the deployment and the
 * request's `data` echoed; the page posts it to the return URL as `JWT`.
 */
export async function buildDeepLinkingResponse(db: Db, open: OpenLaunch, input: DeepLinkInput) {
  const launch = requireDeepLinking(open);
  const item = await contentItem(db, input);
  const jwt = await signAsTool(db, {
    iss: launch.client_id,
    aud: launch.issuer,
    nonce: generateToken(),
    [CLAIM.messageType]: "LtiDeepLinkingResponse",
    [CLAIM.version]: "1.3.0",
    [CLAIM.deploymentId]: launch.deployment_id,
    [CLAIM.contentItems]: [item],
    ...(launch.deep_link_data ? { [CLAIM.data]: launch.deep_link_data } : {}),
  });
  return { returnUrl: launch.deep_link_return_url!, jwt, title: item.title };
}
