import { timingSafeEqual } from "node:crypto";
import type { User } from "../../../db/schema/accounts";
import type { XapiCredential, XapiScope } from "../../../db/schema/xapi";
import type { DbOrTrx } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { generateToken, hashToken } from "../../lib/tokens.server";
import { LrsError } from "./errors";
import * as q from "./queries.server";

/**
 * HTTP Basic credentials for external xAPI clients. The key (user name) is
 * public; the secret is 160 random bits shown once and stored as its SHA-256.
 * A fast hash is enough here: with that much entropy nobody can guess the
 * secret from the hash, and a slow hash would cost every LRS request
 * (docs/decisions/ on the LRS).
 */
export async function issueCredential(db: DbOrTrx, actor: User, input: { label: string; scopes: XapiScope[] }) {
  if (!can(actor, "manage:xapi_credential:any")) throw forbidden();
  const apiKey = `lrs_${generateToken().slice(0, 16)}`;
  const secret = generateToken();
  const row = await q.insertCredential(db, {
    label: input.label,
    apiKey,
    secretHash: hashToken(secret),
    scopes: input.scopes,
    createdBy: actor.id,
  });
  return { ...row, secret };
}

export async function revokeCredential(db: DbOrTrx, actor: User, credentialId: string) {
  if (!can(actor, "manage:xapi_credential:any")) throw forbidden();
  if (!isUuid(credentialId) || !(await q.revokeCredential(db, credentialId))) throw notFound("page");
}

export async function listCredentials(db: DbOrTrx, actor: User) {
  if (!can(actor, "manage:xapi_credential:any")) throw forbidden();
  return q.listCredentials(db);
}

const unauthorized = () => new LrsError(401, "unauthorized", "xapi:errors.unauthorized");

/** The credential of an `Authorization: Basic` header, or a 401. */
export async function authenticate(db: DbOrTrx, header: string | null): Promise<XapiCredential> {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) throw unauthorized();
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 1) throw unauthorized();
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const credential = await q.findCredentialByKey(db, key);
  const expected = Buffer.from(credential?.secret_hash ?? "0".repeat(64), "hex");
  const given = Buffer.from(hashToken(secret), "hex");
  if (!credential || credential.revoked_at || !timingSafeEqual(expected, given)) throw unauthorized();
  await q.touchCredential(db, credential.id);
  return credential;
}
