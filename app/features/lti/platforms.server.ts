import type { User } from "../../../db/schema/accounts";
import type { Db } from "../../lib/db.server";
import { appError, forbidden, FieldError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { toolUrls } from "./launch.server";
import { activeToolKey } from "./keys.server";
import * as q from "./queries.server";
import type { PlatformInput } from "./schemas";

function requireCoordinator(user: User) {
  if (!can(user, "manage:lti_platform:any")) throw forbidden();
}

const valuesOf = (input: PlatformInput) => ({
  name: input.name,
  issuer: input.issuer,
  client_id: input.clientId,
  deployment_ids: input.deploymentIds,
  jwks_url: input.jwksUrl,
  auth_url: input.authUrl,
  token_url: input.tokenUrl,
  school: input.school,
});

export async function listPlatformsForAdmin(db: Db, user: User) {
  requireCoordinator(user);
  return { platforms: await q.listPlatforms(db), tool: toolUrls() };
}

export async function loadPlatformForAdmin(db: Db, user: User, id: string) {
  requireCoordinator(user);
  const platform = isUuid(id) ? await q.findPlatform(db, id) : undefined;
  if (!platform) throw appError(404, "not_found", "lti:errors.platform_not_found");
  return platform;
}

/** Registers a platform; the same issuer and client id twice is one platform (the unique key decides). */
export async function registerPlatform(db: Db, user: User, input: PlatformInput) {
  requireCoordinator(user);
  const row = await q.insertPlatform(db, { ...valuesOf(input), created_by: user.id });
  if (!row) throw new FieldError("clientId", "lti:errors.already_registered");
  // The tool's key exists before the platform first fetches /lti/jwks.json, which itself creates nothing.
  await activeToolKey(db);
  return row.id;
}

export async function updatePlatform(db: Db, user: User, id: string, input: PlatformInput) {
  await loadPlatformForAdmin(db, user, id);
  try {
    await q.updatePlatform(db, id, valuesOf(input));
  } catch (error) {
    if ((error as { code?: string }).code === "23505") throw new FieldError("clientId", "lti:errors.already_registered");
    throw error;
  }
}

/** A disabled platform's logins and launches are refused; its accounts and scores waiting in the outbox stay. */
export async function setPlatformEnabled(db: Db, user: User, id: string, enabled: boolean) {
  await loadPlatformForAdmin(db, user, id);
  await q.setPlatformDisabled(db, id, enabled ? null : new Date());
}

/** Origins allowed to frame the LTI pages and to receive their forms: the registered, enabled platforms'. */
export async function platformOrigins(db: Db) {
  const origins = new Set<string>();
  for (const p of await q.listEnabledPlatformUrls(db)) {
    for (const url of [p.issuer, p.auth_url]) {
      try {
        origins.add(new URL(url).origin);
      } catch {
        // checked on the way in; an old row with a bad URL frames nothing
      }
    }
  }
  return [...origins];
}

/** The CSP additions of an LTI page: framed by the platforms, posting back to them (and to a Deep Linking return address). */
export async function embeddersFor(db: Db, extraFormTargets: string[] = []) {
  const origins = await platformOrigins(db);
  return { frameAncestors: origins, formTargets: [...new Set([...origins, ...extraFormTargets])] };
}
