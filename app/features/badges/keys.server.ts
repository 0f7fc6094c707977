import type { KeyObject } from "node:crypto";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { CREDENTIAL_CONTEXTS, issuerId, issuerProfile, keyIdUrl } from "./credential.server";
import { generateIssuerKeyPair, jwkThumbprint, publicKeyFromJwk, type PublicJwk } from "./jwt.server";
import * as q from "./queries.server";

/**
 * The issuer's Ed25519 key, created the first time a badge is signed and
 * kept in the database (decision 027 says why it lives there and how to
 * rotate it). Only the verbs that issue call this: the public documents read
 * the keys and never create one (a GET never writes, decision 042) — before
 * the first badge their key set is simply empty, as nothing needs verifying.
 */
export async function activeIssuerKey(db: DbOrTrx) {
  const existing = await signingKey(db);
  if (existing) return existing;
  const pair = generateIssuerKeyPair();
  await q.insertKeyIfNoneActive(db, { id: jwkThumbprint(pair.publicJwk), publicJwk: pair.publicJwk, privateKeyPkcs8: pair.privateKeyPkcs8 });
  // Another process may have won the race: read back whichever key is active.
  const key = await signingKey(db);
  if (!key) throw new Error("no active issuer key after creating one");
  return key;
}

/** The active key, if a badge was ever signed; reading only. */
export async function signingKey(db: DbOrTrx) {
  const key = await q.findActiveKey(db);
  return key ? { id: key.id, privateKeyPkcs8: key.private_key_pkcs8, publicJwk: key.public_jwk as unknown as PublicJwk } : null;
}

/** The thumbprint a `kid` ends with: `…/badges/emetteur/cles/<thumbprint>`, or `…/badges/emetteur#<thumbprint>` before decision 027. */
const thumbprintOf = (kid: string) => /[/#]([A-Za-z0-9_-]{43})$/.exec(kid)?.[1] ?? null;

/**
 * Every key we ever published (retired ones too, so old badges still verify),
 * looked up by the thumbprint at the end of the `kid`.
 */
export async function keyResolver(db: DbOrTrx): Promise<(kid: string) => KeyObject | null> {
  const keys = await q.listKeys(db);
  const byId = new Map(keys.map((k) => [k.id, publicKeyFromJwk(k.public_jwk as unknown as PublicJwk)]));
  return (kid) => byId.get(thumbprintOf(kid) ?? "") ?? null;
}

/** Retires the active key and creates a new one; badges signed before keep verifying. */
export async function rotateIssuerKey(db: Db) {
  return db.transaction().execute(async (trx) => {
    await q.retireActiveKey(trx, new Date());
    return activeIssuerKey(trx);
  });
}

/** A public key as a JWK whose `kid` is the very URL a JWT header names, so a JWKS lookup by `kid` finds it. */
const publicJwkOf = (baseUrl: string, id: string, jwk: PublicJwk) => ({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: keyIdUrl(baseUrl, id), alg: "EdDSA", use: "sig" });

/** Served at badges/emetteur/jwks.json: the JSON Web Key Set of the issuer (what `jose`'s createRemoteJWKSet reads). */
export async function issuerJwks(db: DbOrTrx, baseUrl: string) {
  const keys = await q.listKeys(db);
  return { keys: keys.map((k) => publicJwkOf(baseUrl, k.id, k.public_jwk as unknown as PublicJwk)) };
}

/** Served at badges/emetteur/cles/<thumbprint>: what a `kid` dereferences to — the key as a JWK (OB 3.0 §8.2.3); null if unknown. */
export async function issuerPublicKey(db: DbOrTrx, baseUrl: string, thumbprint: string) {
  const key = /^[A-Za-z0-9_-]{43}$/.test(thumbprint) ? await q.findKey(db, thumbprint) : undefined;
  return key ? publicJwkOf(baseUrl, key.id, key.public_jwk as unknown as PublicJwk) : null;
}

/**
 * `/badges/emetteur`: the issuer's Open Badges Profile, with its keys as
 * DID-less verification methods (JsonWebKey) that the JWTs' `kid` names.
 */
export async function issuerProfileDocument(db: DbOrTrx, baseUrl: string) {
  const keys = await q.listKeys(db);
  const id = issuerId(baseUrl);
  const methods = keys.map((k) => keyIdUrl(baseUrl, k.id));
  return {
    "@context": [...CREDENTIAL_CONTEXTS, "https://www.w3.org/ns/cid/v1"],
    ...issuerProfile(baseUrl),
    description: "Passerelle, la plateforme numérique de la communauté de communes : parcours, ateliers et badges.",
    verificationMethod: keys.map((k) => ({
      id: keyIdUrl(baseUrl, k.id),
      type: "JsonWebKey",
      controller: id,
      publicKeyJwk: publicJwkOf(baseUrl, k.id, k.public_jwk as unknown as PublicJwk),
      ...(k.retired_at ? { revoked: k.retired_at.toISOString() } : {}),
    })),
    assertionMethod: methods,
    jwks: `${id}/jwks.json`,
  };
}
