import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";

/**
 * VC-JWT with Ed25519 (JOSE `alg: "EdDSA"`), signed on node:crypto alone.
 * The payload is the credential itself plus the registered JWT claims Open
 * Badges 3.0 §8.2 asks for (iss, jti, nbf, sub). Outside verifiers check it
 * with any JOSE library; the tests do with `jose`.
 */
export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
}

export interface JoseHeader {
  alg: "EdDSA";
  /** "JWT" for a badge (OB 3.0 §8.2.2); "vc+jwt" (VC-JOSE-COSE) for a status list, which is not a badge. Badges signed before carry "vc+jwt". */
  typ: "JWT" | "vc+jwt";
  /** A URL that answers with the public key as a JWK. */
  kid: string;
}

const b64url = (input: Buffer | string) => Buffer.from(input).toString("base64url");

export function generateIssuerKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const jwk = publicKey.export({ format: "jwk" }) as unknown as PublicJwk;
  return {
    publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x } satisfies PublicJwk,
    privateKeyPkcs8: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  };
}

/** RFC 7638 thumbprint: SHA-256 of the required members in lexicographic order, base64url. */
export function jwkThumbprint(jwk: PublicJwk) {
  return b64url(createHash("sha256").update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).digest());
}

export function publicKeyFromJwk(jwk: PublicJwk): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
}

export function signJwt(payload: object, header: JoseHeader, privateKeyPem: string): string {
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = sign(null, Buffer.from(signingInput), privateKeyPem);
  return `${signingInput}.${b64url(signature)}`;
}

export type VerifyFailure = "malformed" | "unsupported_algorithm" | "unknown_key" | "bad_signature";
export type VerifyResult =
  | { ok: true; header: JoseHeader; payload: Record<string, unknown> }
  | { ok: false; reason: VerifyFailure; payload?: Record<string, unknown> };

const B64URL = /^[A-Za-z0-9_-]+$/;

function decodeJson(part: string): Record<string, unknown> | null {
  if (!B64URL.test(part)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Checks a compact JWS. `resolveKey` maps the header's `kid` to a public key
 * we published (null when unknown). Any change to header, payload or
 * signature — one character is enough — fails.
 */
export function verifyJwt(jwt: string, resolveKey: (kid: string) => KeyObject | null): VerifyResult {
  const parts = jwt.trim().split(".");
  if (parts.length !== 3 || !B64URL.test(parts[2]!)) return { ok: false, reason: "malformed" };
  const header = decodeJson(parts[0]!);
  const payload = decodeJson(parts[1]!);
  if (!header || !payload) return { ok: false, reason: "malformed" };
  // Base64url has several spellings of the same bytes (unused trailing bits):
  // accept only the canonical one, so that any altered character fails.
  if (b64url(Buffer.from(parts[2]!, "base64url")) !== parts[2]) return { ok: false, reason: "bad_signature", payload };
  if (header.alg !== "EdDSA" || typeof header.kid !== "string") return { ok: false, reason: "unsupported_algorithm", payload };
  const key = resolveKey(header.kid);
  if (!key) return { ok: false, reason: "unknown_key", payload };
  let valid = false;
  try {
    valid = verify(null, Buffer.from(`${parts[0]}.${parts[1]}`), key, Buffer.from(parts[2]!, "base64url"));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "bad_signature", payload };
  return { ok: true, header: header as unknown as JoseHeader, payload };
}
