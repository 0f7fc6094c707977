import { randomInt } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { DbOrTrx } from "../../lib/db.server";
import { isoSeconds, issuerId, jwtClaims, keyIdUrl, statusListUrl } from "./credential.server";
import { signJwt } from "./jwt.server";
import { signingKey } from "./keys.server";
import * as q from "./queries.server";

/**
 * Revocation published as a W3C Bitstring Status List v1.0: one bit per
 * badge in a signed BitstringStatusListCredential at a stable address, which
 * each credential names in its `credentialStatus`. Nothing is stored: the
 * list is drawn from the badges' `revoked_at` on each request, so it is
 * current the moment a coordinator revokes, and cannot drift from the verify page.
 */

/** 131,072 bits (16 KB before compression), the minimum size the specification sets so that a bit says little about whom it belongs to. */
export const STATUS_LIST_BITS = 131_072;
/** Every badge goes in list 1 for now; at 35,000 inhabitants it holds years of badges. */
export const CURRENT_STATUS_LIST = 1;

/** A random place in the list: indexes given in order would tell who got a badge around whom. */
export const drawStatusIndex = () => ({ list: CURRENT_STATUS_LIST, index: randomInt(STATUS_LIST_BITS) });

/**
 * §2.1 encodedList: the bitstring (index 0 is the left-most bit of the first
 * byte), GZIP-compressed, base64url without padding, with the multibase
 * prefix "u". Node writes the same gzip bytes for the same bits.
 */
export function encodeStatusList(setIndexes: Iterable<number>, bits = STATUS_LIST_BITS): string {
  const bitstring = Buffer.alloc(bits / 8);
  for (const index of setIndexes) bitstring[index >> 3]! |= 0x80 >> (index & 7);
  return `u${gzipSync(bitstring).toString("base64url")}`;
}

const TTL_SECONDS = 60;

/**
 * `/badges/emetteur/statuts/<list>`: the BitstringStatusListCredential as a
 * VC-JWT signed with the issuer's active key (the public keys are the same
 * JWKS as the badges'). Its validFrom is the time of the list's last change,
 * so the same list gives the same bytes on every replica. Null for a list
 * no badge points to.
 */
export async function statusListCredentialJwt(db: DbOrTrx, baseUrl: string, list: number) {
  const entries = await q.listStatusEntries(db, list);
  if (!entries.length) return null;
  const lastChange = new Date(Math.max(...entries.flatMap((e) => [e.issued_at.getTime(), e.revoked_at?.getTime() ?? 0])));
  const url = statusListUrl(baseUrl, list);
  const credential = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: issuerId(baseUrl),
    validFrom: isoSeconds(lastChange),
    credentialSubject: {
      id: `${url}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: encodeStatusList(entries.filter((e) => e.revoked_at).map((e) => e.status_list_index)),
      ttl: TTL_SECONDS * 1000,
    },
  };
  // A list exists only once a badge was signed, so the key does too; reading only (a GET never writes).
  const key = await signingKey(db);
  if (!key) return null;
  const jwt = signJwt({ ...credential, ...jwtClaims(credential) }, { alg: "EdDSA", typ: "vc+jwt", kid: keyIdUrl(baseUrl, key.id) }, key.privateKeyPkcs8);
  return { jwt, maxAge: TTL_SECONDS };
}
