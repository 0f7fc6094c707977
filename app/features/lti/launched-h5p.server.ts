import type { Db } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import type { LaunchEmbedding } from "../h5p/frame-documents.server";
import { openHostFrame, openPlayerFrame } from "../h5p/frame.server";
import { embeddedContentIds } from "../h5p/lesson-content";
import { relayStatements, type RelayItem } from "../h5p/relay.server";
import { loadState, saveState } from "../h5p/state.server";
import { ACTIVITY_SCOPE, launchedPlayerHref, launchedRelayHref, launchedStatePrefix } from "./activity-urls";
import { loadLaunchedResource, type OpenLaunch } from "./launched.server";
import { enqueueScoreFor } from "./scores.server";

/**
 * H5P inside an LMS launch (decision 048). The two frames of decision 029
 * stay as they are — a host of ours, a player in an opaque origin reading
 * signed content addresses — but both are served under the launch's pages:
 * the launch's cookie is their credential (never a Passerelle session), the
 * results are the launch's user's, and only that launch's platform may frame
 * them. A launch plays only what it opened: its deep-linked activity, or an
 * activity embedded in its lesson (or in a lesson of its course).
 */

const notOfThisLaunch = () => appError(404, "not_found", "lti:errors.target_unknown");

/** The origins of the launch's platform (its issuer and its login endpoint): the only pages that may frame its activities. */
export function launchOrigins(launch: { issuer: string; auth_url: string }) {
  const origins = new Set<string>();
  for (const url of [launch.issuer, launch.auth_url]) {
    try {
      origins.add(new URL(url).origin);
    } catch {
      // checked when registered; a bad old row frames nothing
    }
  }
  return [...origins];
}

/** The lesson an activity is played in under this launch (null for a deep-linked activity); refuses any other content. */
export async function launchedActivity(db: Db, open: OpenLaunch, scope: string, contentId: string): Promise<{ contentId: string; lessonId: string | null }> {
  if (!isUuid(contentId)) throw notOfThisLaunch();
  const id = contentId.toLowerCase();
  const { launch } = open;
  if (scope === ACTIVITY_SCOPE) {
    if (launch.target_kind !== "h5p" || launch.target_id !== id) throw notOfThisLaunch();
    return { contentId: id, lessonId: null };
  }
  if (!isUuid(scope) || launch.target_kind === "h5p") throw notOfThisLaunch();
  const lessonId = scope.toLowerCase();
  const resource = await loadLaunchedResource(db, open, lessonId);
  if (resource.kind !== "lesson" || resource.page.lesson.id !== lessonId || !embeddedContentIds(resource.page.body).includes(id)) throw notOfThisLaunch();
  return { contentId: id, lessonId };
}

export function embeddingFor(open: OpenLaunch, scope: string, contentId: string): LaunchEmbedding {
  const launchId = open.launch.id;
  return {
    relayUrl: launchedRelayHref(launchId),
    stateUrl: launchedStatePrefix(launchId, scope),
    playerSrc: launchedPlayerHref(launchId, scope, contentId),
    frameAncestors: launchOrigins(open.launch),
  };
}

export async function openLaunchedHost(db: Db, open: OpenLaunch, scope: string, contentId: string, openedParam: string | null) {
  const { lessonId } = await launchedActivity(db, open, scope, contentId);
  const host = await openHostFrame(db, open.user, contentId, lessonId, openedParam);
  return { ...host, embedding: embeddingFor(open, scope, host.content.id) };
}

export async function openLaunchedPlayer(db: Db, open: OpenLaunch, scope: string, contentId: string) {
  await launchedActivity(db, open, scope, contentId);
  const player = await openPlayerFrame(db, open.user, contentId);
  return { ...player, embedding: { frameAncestors: launchOrigins(open.launch) } };
}

/**
 * The host's statements, stored for the launch's user. Every item must be
 * about what this launch opened (else the batch is refused for good, 400).
 * Then the launch's score, when its platform wants one, goes to the outbox
 * at once — the lesson completed by the activity, or the activity's best score.
 */
export async function relayLaunchStatements(db: Db, open: OpenLaunch, items: RelayItem[], site: string, hooks: Parameters<typeof relayStatements>[4] = {}) {
  const allowed = new Map<string, boolean>();
  for (const item of items) {
    const scope = item.lessonId ?? ACTIVITY_SCOPE;
    const key = `${scope}|${item.contentId}`;
    if (!allowed.has(key)) {
      allowed.set(
        key,
        await launchedActivity(db, open, scope, item.contentId).then(
          () => true,
          () => false,
        ),
      );
    }
    if (!allowed.get(key)) throw appError(400, "bad_relay", "h5p:errors.bad_relay");
  }
  const outcome = await relayStatements(db, open.user, items, site, hooks);
  await enqueueScoreFor(db, open.launch);
  return outcome;
}

type StateParams = { scope: string; contentId: string; dataType?: string; subContentId?: string };

export async function loadLaunchedState(db: Db, open: OpenLaunch, params: StateParams) {
  await launchedActivity(db, open, params.scope, params.contentId);
  return loadState(db, open.user, params);
}

export async function saveLaunchedState(db: Db, open: OpenLaunch, params: StateParams, data: FormDataEntryValue | null) {
  await launchedActivity(db, open, params.scope, params.contentId);
  return saveState(db, open.user, params, data);
}
