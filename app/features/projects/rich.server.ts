import type { StoredDoc } from "../../../db/schema/projects";
import { appError, isAppError } from "../../lib/errors";
import { checkUpload, type UploadRules } from "../../lib/storage.server";
import { markdownToDocument } from "../courses/rich-text/markdown";
import { sanitizeDocument } from "../courses/rich-text/sanitize";

/**
 * A document as posted: tiptap JSON from the editor, or Markdown from the
 * plain form. Either way it goes through the courses allow-list before it
 * is stored (and again when it is shown).
 */
export function documentFromInput(input: { json?: string | null; markdown?: string | null }): StoredDoc {
  if (input.json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.json);
    } catch {
      throw appError(400, "document_invalid", "projects:errors.document_invalid");
    }
    return sanitizeDocument(parsed).doc as StoredDoc;
  }
  return sanitizeDocument(markdownToDocument(input.markdown ?? "")).doc as StoredDoc;
}

export function sameDocument(a: unknown, b: unknown) {
  return JSON.stringify(sanitizeDocument(a).doc) === JSON.stringify(sanitizeDocument(b).doc);
}

/**
 * checkUpload, with any failure of the type sniffer on malformed bytes (a
 * truncated image throws inside file-type) answered as "wrong type", never 500.
 */
export async function checkUploadSafely(body: Uint8Array, rules: UploadRules): Promise<string> {
  try {
    return await checkUpload(body, rules);
  } catch (error) {
    if (isAppError(error)) throw error;
    throw appError(415, "file_type", "files:errors.type", { allowed: rules.allowed.join(", ") });
  }
}
