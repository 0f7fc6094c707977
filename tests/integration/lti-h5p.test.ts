import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityIri } from "../../app/features/h5p/player.server";
import type { RelayItem } from "../../app/features/h5p/relay.server";
import { seedH5p } from "../../app/features/h5p/seed.server";
import { completeLaunch, startLogin, toolUrls } from "../../app/features/lti/launch.server";
import { launchedActivity, loadLaunchedState, relayLaunchStatements, saveLaunchedState } from "../../app/features/lti/launched-h5p.server";
import { launchCookie, requireLaunch } from "../../app/features/lti/launched.server";
import { registerPlatform } from "../../app/features/lti/platforms.server";
import type { Db } from "../../app/lib/db.server";
import { localStorage as folderStorage } from "../../app/lib/storage.server";
import { testDb } from "../helpers/db";
import { createUser, statusOf } from "../helpers/fixtures";
import { ROLE, startLtiPlatform, type LtiPlatform } from "../helpers/lti-platform";

/**
 * H5P inside an LMS launch (decision 048): the launch's cookie is the
 * credential; it plays, saves and relays only what the launch opened; the
 * results are the platform user's, and the score goes to the outbox at once.
 */

let db: Db;
let root: string;
let platform: LtiPlatform;
let contentId: string;
let lessonId: string;
const SITE = toolUrls().origin;

beforeAll(async () => {
  db = await testDb();
  root = mkdtempSync(path.join(tmpdir(), "passerelle-lti-h5p-"));
  const urls = toolUrls();
  platform = await startLtiPlatform({ origin: urls.origin, login: urls.login, launch: urls.launch, jwks: urls.jwks });
  const coordinator = await createUser(db, { role: "coordinator" });
  await registerPlatform(db, coordinator, {
    intent: "save",
    name: "Moodle",
    issuer: platform.issuer,
    clientId: platform.clientId,
    deploymentIds: [platform.deploymentId],
    jwksUrl: platform.jwksUrl,
    authUrl: platform.authUrl,
    tokenUrl: platform.tokenUrl,
    school: false,
  });
  ({ contentId } = await seedH5p(db, { storage: folderStorage(root), createdBy: coordinator.id }));
  const course = await db.insertInto("course").values({ slug: `cours-${randomUUID().slice(0, 8)}`, title: "Sécurité", status: "published", published_at: new Date() }).returning("id").executeTakeFirstOrThrow();
  const module = await db.insertInto("course_module").values({ course_id: course.id, position: 0, title: "Module 1" }).returning("id").executeTakeFirstOrThrow();
  const body = { type: "doc", content: [{ type: "h5p", attrs: { contentId } }] } as { type: "doc" };
  ({ id: lessonId } = await db.insertInto("lesson").values({ course_id: course.id, module_id: module.id, position: 0, title: "Mots de passe", body }).returning("id").executeTakeFirstOrThrow());
});

afterAll(async () => {
  await platform?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A launch as the browser holds it: a request carrying the launch's cookie. */
async function launch(sub: string, custom: Record<string, string>, lineitem: boolean) {
  const { redirectTo, state } = await startLogin(db, { iss: platform.issuer, login_hint: sub, target_link_uri: `${SITE}/activites/${contentId}`, client_id: platform.clientId });
  const nonce = new URL(redirectTo).searchParams.get("nonce")!;
  const idToken = await platform.signIdToken(platform.launchClaims({ sub, roles: [ROLE.learner], givenName: "Jade", targetLinkUri: `${SITE}/activites/${contentId}`, custom, lineitem }, nonce));
  const { launchId, token } = await completeLaunch(db, { idToken, state, cookieState: state });
  const request = new Request(`${SITE}/lti/l/${launchId}/releve`, { headers: { Cookie: await launchCookie(launchId).serialize(token) } });
  return requireLaunch(db, request, launchId);
}

function answer(content: string, lesson: string | null): RelayItem[] {
  const object = { id: activityIri(SITE, content), objectType: "Activity" };
  const result = { score: { min: 0, max: 1, raw: 1, scaled: 1 }, completion: true, success: true };
  return ["answered", "completed"].map((verb) => ({
    statement: { id: randomUUID(), actor: { mbox: "mailto:x@example.org" }, verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` }, object, result },
    contentId: content,
    lessonId: lesson,
  }));
}

describe("H5P inside an LMS launch", () => {
  it("a deep-linked activity: plays and saves only that activity; the results are the platform user's; the score is queued at once", async () => {
    const open = await launch("moodle-h5p-1", { passerelle_target: `h5p:${contentId}` }, true);
    expect(await launchedActivity(db, open, "activite", contentId)).toEqual({ contentId, lessonId: null });
    expect(await statusOf(launchedActivity(db, open, lessonId, contentId))).toBe(404);
    expect(await statusOf(launchedActivity(db, open, "activite", randomUUID()))).toBe(404);

    const params = { scope: "activite", contentId, dataType: "state", subContentId: "0" };
    await saveLaunchedState(db, open, params, '{"answers":[2]}');
    expect(await loadLaunchedState(db, open, params)).toBe('{"answers":[2]}');
    expect(await statusOf(saveLaunchedState(db, open, { ...params, contentId: randomUUID() }, "{}"))).toBe(404);

    // A batch naming anything else is refused for good, and stores nothing.
    expect(await statusOf(relayLaunchStatements(db, open, [...answer(contentId, null), ...answer(randomUUID(), null)], SITE))).toBe(400);
    expect(await statusOf(relayLaunchStatements(db, open, answer(contentId, lessonId), SITE))).toBe(400);
    const outcome = await relayLaunchStatements(db, open, answer(contentId, null), SITE);
    expect(outcome.stored).toHaveLength(2);
    const links = await db.selectFrom("h5p_statement_link").select(["user_id", "content_id"]).where("user_id", "=", open.user.id).execute();
    expect(links).toEqual([
      { user_id: open.user.id, content_id: contentId },
      { user_id: open.user.id, content_id: contentId },
    ]);
    const outbox = await db.selectFrom("lti_score_outbox").select(["lineitem_url", "payload"]).where("user_id", "=", open.user.id).execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ lineitem_url: platform.lineitemUrl, payload: { userId: "moodle-h5p-1", scoreGiven: 100, scoreMaximum: 100 } });
  });

  it("an activity inside a launched lesson: within that lesson only, and its result completes the lesson for the platform user", async () => {
    const open = await launch("moodle-h5p-2", { passerelle_target: `lesson:${lessonId}` }, false);
    expect(await launchedActivity(db, open, lessonId, contentId)).toEqual({ contentId, lessonId });
    expect(await statusOf(launchedActivity(db, open, "activite", contentId))).toBe(404);
    expect(await statusOf(launchedActivity(db, open, randomUUID(), contentId))).toBe(404);
    expect(await statusOf(relayLaunchStatements(db, open, answer(contentId, null), SITE))).toBe(400);
    await relayLaunchStatements(db, open, answer(contentId, lessonId), SITE);
    const progress = await db.selectFrom("lesson_progress").select(["completed_at", "best_score"]).where("user_id", "=", open.user.id).where("lesson_id", "=", lessonId).executeTakeFirst();
    expect(progress?.completed_at).toBeTruthy();
    expect(progress?.best_score).toBe(1);
  });

  it("refuses a request without the launch's cookie", async () => {
    const open = await launch("moodle-h5p-3", { passerelle_target: `h5p:${contentId}` }, false);
    expect(await statusOf(requireLaunch(db, new Request(`${SITE}/lti/l/${open.launch.id}/releve`), open.launch.id))).toBe(401);
  });
});
