import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, importPKCS8, SignJWT, type JWK, type JWTPayload } from "jose";
import type { Db, DbOrTrx } from "../../lib/db.server";
import * as q from "./queries.server";

/**
 * Passerelle's own RSA key as an LTI tool (RS256 is what every LMS accepts),
 * created the first time it is needed and kept in the database like the
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

/** Retires the active key and creates the next one (decision 048: how to rotate). */
export async function rotateToolKey(db: Db) {
  return db.transaction().execute(async (trx) => {
    await q.retireActiveKey(trx, new Date());
    return activeToolKey(trx);
  });
}

/** The JWKS the tool publishes: every key, the active one first created if needed. */
export async function toolJwks(db: DbOrTrx): Promise<{ keys: JWK[] }> {
  await activeToolKey(db);
  const keys = await q.listKeys(db);
  return { keys: keys.map((k) => ({ ...k.public_jwk, kid: k.id, alg: "RS256", use: "sig" })) };
}

/** Signs a JWT with the tool's active key, `kid` in the header. */
export async function signAsTool(db: DbOrTrx, payload: JWTPayload, { expiresIn = "5m" } = {}) {
  const key = await activeToolKey(db);
  const privateKey = await importPKCS8(key.privateKeyPkcs8, "RS256");
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" }).setIssuedAt().setExpirationTime(expiresIn).sign(privateKey);
}
