import { createHash } from "node:crypto";
import { badRequest } from "./errors";
import type { MultipartPart } from "./multipart";

/**
 * Attachments sent with statements (xAPI-Data §2.4.11, xAPI-Communication
 * §1.5.2): the parts of a multipart/mixed request are matched to the
 * statements' Attachment objects by SHA-2, never any other way.
 */
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export const SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature";

/** SHA-2 functions by the length of their hex digest. */
const SHA2_BY_LENGTH: Record<number, string> = { 56: "sha224", 64: "sha256", 96: "sha384", 128: "sha512" };

export function isSha2Hex(value: string) {
  return /^[0-9a-f]+$/.test(value) && SHA2_BY_LENGTH[value.length] !== undefined;
}

/** Raw attachment data received with the request, by lower-case SHA-2. */
export type AttachmentParts = Map<string, Buffer>;

/**
 * The parts after the first (statements) one. Each must say its hash in
 * X-Experience-API-Hash and `Content-Transfer-Encoding: binary` (§1.5.2.s2),
 * and its bytes must have that hash. The same data sent twice counts once.
 */
export function readAttachmentParts(parts: MultipartPart[]): AttachmentParts {
  const out: AttachmentParts = new Map();
  parts.forEach((part, i) => {
    const hash = part.headers.get("x-experience-api-hash")?.toLowerCase() ?? "";
    const encoding = part.headers.get("content-transfer-encoding")?.toLowerCase();
    if (!isSha2Hex(hash) || encoding !== "binary") throw badRequest("attachment_part_headers", { index: i + 2 });
    const actual = createHash(SHA2_BY_LENGTH[hash.length]!).update(part.body).digest("hex");
    if (actual !== hash) throw badRequest("attachment_hash_mismatch", { sha2: hash });
    out.set(hash, part.body);
  });
  return out;
}

/** A statement's Attachment objects, its SubStatement's included (§2.4.11 allows both). */
export function attachmentObjects(statement: unknown): Json[] {
  if (!isObject(statement)) return [];
  const own = Array.isArray(statement.attachments) ? statement.attachments.filter(isObject) : [];
  const object = statement.object;
  const sub = isObject(object) && object.objectType === "SubStatement" && Array.isArray(object.attachments) ? object.attachments.filter(isObject) : [];
  return [...own, ...sub];
}

export interface ReceivedAttachment {
  sha2: string;
  contentType: string;
  content: Buffer;
}

/**
 * Matches the statements (already valid) with the received parts:
 * an Attachment without fileUrl must have its part, a part must belong to
 * some Attachment (§1.5.2.s3). Returns, for each statement, the attachments
 * whose data came with the request (what the LRS stores and links).
 */
export function matchAttachments(statements: unknown[], parts: AttachmentParts): ReceivedAttachment[][] {
  const used = new Set<string>();
  const perStatement = statements.map((statement) => {
    const received = new Map<string, ReceivedAttachment>();
    for (const attachment of attachmentObjects(statement)) {
      const sha2 = String(attachment.sha2).toLowerCase();
      const content = parts.get(sha2);
      if (!content) {
        if (attachment.fileUrl === undefined) throw badRequest("attachment_missing", { sha2 });
        continue;
      }
      used.add(sha2);
      if (!received.has(sha2)) received.set(sha2, { sha2, contentType: attachmentType(attachment.contentType), content });
    }
    return [...received.values()];
  });
  for (const sha2 of parts.keys()) if (!used.has(sha2)) throw badRequest("attachment_part_unexpected", { sha2 });
  return perStatement;
}

/** The declared content type when it is a plausible media type; bytes otherwise. */
function attachmentType(value: unknown) {
  const type = typeof value === "string" ? value.trim() : "";
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+/.test(type) && !/[\r\n]/.test(type) ? type : "application/octet-stream";
}
