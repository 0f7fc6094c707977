import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, SignJWT, type JWK, type JWTPayload } from "jose";
import type { User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { forbidden } from "../../lib/errors";
import { can } from "../../lib/permissions";
import * as q from "./queries.server";

/**
 * Passerelle's own RSA key as an LTI tool (RS256 is what every LMS accepts),
 * created when the first platform is registered (or, failing that, the first
 * time something is signed) and kept in the database like the
 * badge issuer's, so every worker signs with the same key. The `kid` is the
 * key's RFC 7638 thumbprint; a rotated key stays published (retired) for a
 * while, so a platform holding a cached key set keeps verifying.
 */
export async function activeToolKey(db: DbOrTrx) {
  let key = await q.findActiveKey(db);
  if (!key) {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
    const jwk = await exportJWK(publicKey);
    const publicJwk = { kty: jwk.kty!, n: jwk.n!, e: jwk.e! };
    await q.insertKeyIfNoneActive(db, { id: await calculateJwkThumbprint(publicJwk), publicJwk, privateKeyPkcs8: await exportPKCS8(privateKey) });
    // Another process may have won the race: read back whichever key is active.
    key = await q.findActiveKey(db);
  }
  return { kid: key!.id, privateKeyPkcs8: key!.private_key_pkcs8 };
}

/**
 * How long a retired key stays in /lti/jwks.json: a platform that cached our
 * key set (Moodle keeps it until an unknown `kid` comes) still verifies what
 * the old key signed, and anything it signed has expired long before.
 */
export const RETIRED_KEY_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Retires the active key and creates the next one (decision 048): new
 * messages are signed with the new key at once; the old one stays published
 * for the grace period. A coordinator rotates from /admin/lti.
 */
export async function rotateToolKey(db: Db, user: User, now = new Date()) {
  if (!can(user, "manage:lti_platform:any")) throw forbidden();
  return db.transaction().execute(async (trx) => {
    await q.retireActiveKey(trx, now);
    return activeToolKey(trx);
  });
}

/**
 * The JWKS the tool publishes: the active key first, then the keys retired
 * within the grace period. A GET creates nothing: the key is made when the
 * first platform is registered (or on first signing), so the set is empty
 * only while no platform could be asking for it.
 */
export async function toolJwks(db: DbOrTrx, now = new Date()): Promise<{ keys: JWK[] }> {
  const keys = await q.listPublishedKeys(db, new Date(now.getTime() - RETIRED_KEY_GRACE_MS));
  return { keys: keys.map((k) => ({ ...k.public_jwk, kid: k.id, alg: "RS256", use: "sig" })) };
}

/** For the admin page (a GET: creates nothing): the active key and the retired ones still published. */
export async function toolKeysSummary(db: DbOrTrx, now = new Date()) {
  const keys = await q.listPublishedKeys(db, new Date(now.getTime() - RETIRED_KEY_GRACE_MS));
  return keys.map((k) => ({
    kid: k.id,
    createdAt: k.created_at.toISOString(),
    retiredAt: k.retired_at?.toISOString() ?? null,
    publishedUntil: k.retired_at ? new Date(k.retired_at.getTime() + RETIRED_KEY_GRACE_MS).toISOString() : null,
  }));
}

/** Signs a JWT with the tool's active key, `kid` in the header. */
export async function signAsTool(db: DbOrTrx, payload: JWTPayload, { expiresIn = "5m" } = {}) {
  const key = await activeToolKey(db);
  const privateKey = await importPKCS8(key.privateKeyPkcs8, "RS256");
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" }).setIssuedAt().setExpirationTime(expiresIn).sign(privateKey);
}
