import { verify, X509Certificate, type KeyObject } from "node:crypto";
import { SIGNATURE_USAGE, type AttachmentParts } from "./attachments";
import { comparisonHash } from "./canonical";
import { badRequest } from "./errors";
import { mediaType } from "./multipart";
import { validateStatement } from "./validation";

/**
 * Signed statements (xAPI-Data §2.6): a signature attachment holds a JWS in
 * compact serialisation whose payload is the statement as it was before the
 * signature was added. node:crypto verifies RSA signatures and reads X.509
 * certificates; base64url is a Buffer encoding — no JOSE library needed
 * (`jose` is only in node_modules as LiveKit's dependency).
 */
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

const HASH_BY_ALGORITHM: Record<string, string> = { RS256: "sha256", RS384: "sha384", RS512: "sha512" };
const SEGMENT = /^[A-Za-z0-9_-]+$/;

function decodeJson(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
}

/**
 * "Logically equivalent" as the LRS compares two statements with the same id
 * (§2.3.1, `comparisonHash`), plus what that hash leaves aside but a
 * signature does cover when both sides have it: the id and the timestamp
 * (as an instant).
 */
function sameStatement(signed: Json, received: Json) {
  if (comparisonHash(signed) !== comparisonHash(received)) return false;
  if (typeof signed.id === "string" && typeof received.id === "string" && signed.id.toLowerCase() !== received.id.toLowerCase()) {
    return false;
  }
  if (typeof signed.timestamp === "string" && typeof received.timestamp === "string") {
    const instant = (v: string) => Date.parse(/(Z|[+-]\d{2}(:?\d{2})?)$/.test(v) ? v : `${v}Z`);
    if (instant(signed.timestamp) !== instant(received.timestamp)) return false;
  }
  return true;
}

function certificateKey(x5c: unknown, sha2: string): KeyObject {
  if (!Array.isArray(x5c) || typeof x5c[0] !== "string") throw badRequest("signature_malformed", { sha2 });
  try {
    return new X509Certificate(Buffer.from(x5c[0], "base64")).publicKey;
  } catch {
    throw badRequest("signature_malformed", { sha2 });
  }
}

/**
 * Checks one JWS against the received statement (§2.6.s5): well-formed,
 * RS256/384/512, payload equivalent to the statement, and — when the header
 * carries an x5c chain — signed by the first certificate's key. Without x5c
 * there is no key to check against: the spec asks for no more.
 */
export function verifyJws(jws: string, statement: Json, sha2: string) {
  const segments = jws.split(".");
  if (segments.length !== 3 || !segments.every((s) => SEGMENT.test(s))) throw badRequest("signature_malformed", { sha2 });
  const [head, body, signature] = segments as [string, string, string];
  let header: unknown;
  let payload: unknown;
  try {
    header = decodeJson(head);
    payload = decodeJson(body);
  } catch {
    throw badRequest("signature_malformed", { sha2 });
  }
  if (!isObject(header)) throw badRequest("signature_malformed", { sha2 });
  const hash = typeof header.alg === "string" ? HASH_BY_ALGORITHM[header.alg] : undefined;
  if (!hash) throw badRequest("signature_algorithm", { sha2 });
  if (!isObject(payload) || validateStatement(payload).length) throw badRequest("signature_payload", { sha2 });
  if (!sameStatement(payload, statement)) throw badRequest("signature_mismatch", { sha2 });
  if (header.x5c === undefined) return;
  const key = certificateKey(header.x5c, sha2);
  const valid =
    key.asymmetricKeyType === "rsa" && verify(hash, Buffer.from(`${head}.${body}`), key, Buffer.from(signature, "base64url"));
  if (!valid) throw badRequest("signature_invalid", { sha2 });
}

/**
 * Every signature attachment of a (valid) statement. Its content type must
 * be application/octet-stream (§2.6.s4). One given only by fileUrl cannot be
 * read, so it is stored unchecked: §1.5.1 makes the LRS accept JSON requests
 * whose attachments all have a fileUrl.
 */
export function verifySignatures(statement: Json, parts: AttachmentParts) {
  const attachments = Array.isArray(statement.attachments) ? statement.attachments.filter(isObject) : [];
  for (const attachment of attachments) {
    if (attachment.usageType !== SIGNATURE_USAGE) continue;
    const sha2 = String(attachment.sha2).toLowerCase();
    if (mediaType(attachment.contentType as string) !== "application/octet-stream") throw badRequest("signature_content_type", { sha2 });
    const content = parts.get(sha2);
    if (content) verifyJws(content.toString("utf8").trim(), statement, sha2);
  }
}
