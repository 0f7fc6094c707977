import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { isUuid } from "../../lib/ids";
import { fileStorage, type FileStorage } from "../../lib/storage.server";
import * as q from "./queries.server";

/**
 * The extracted files of contents and libraries, read back through the
 * storage interface. Paths are checked here (a 404, never a storage error);
 * the type comes from what was recorded at install, never from the request.
 */
const SAFE_PATH = /^[A-Za-z0-9_][A-Za-z0-9 ._()+-]*(\/[A-Za-z0-9_][A-Za-z0-9 ._()+-]*)*$/;
const LIBRARY_FOLDER = /^([A-Za-z0-9_.-]{1,255})-(\d{1,5})\.(\d{1,5})$/;

/** Even opened directly, a stored file cannot run script in our origin. */
const FILE_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";

function fileResponse(body: Uint8Array, contentType: string, cache: string) {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": contentType,
      "Cache-Control": cache,
      "Content-Security-Policy": FILE_CSP,
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}

const safe = (p: string) => SAFE_PATH.test(p) && p.length <= 1000 && !p.split("/").some((s) => s === ".." || s === ".");

/** A library's file; libraries are public code, like the player itself. */
export async function libraryFile(db: DbOrTrx, folder: string, filePath: string, storage: FileStorage = fileStorage()) {
  const match = LIBRARY_FOLDER.exec(folder);
  if (!match || !safe(filePath)) return null;
  const library = await q.findLibrary(db, match[1]!, Number(match[2]), Number(match[3]));
  if (!library) return null;
  const file = await storage.get(`${library.storage_prefix}/${filePath}`);
  return file ? fileResponse(file.body, file.contentType, "public, max-age=3600") : null;
}

/** A content's file, for signed-in people (the frame that plays it requires sign-in too). */
export async function contentFile(db: DbOrTrx, user: User | null, contentId: string, filePath: string, storage: FileStorage = fileStorage()) {
  if (!user || !isUuid(contentId) || !safe(filePath)) return null;
  const content = await q.findContent(db, contentId);
  if (!content) return null;
  const file = await storage.get(`${content.storage_prefix}/${filePath}`);
  return file ? fileResponse(file.body, file.contentType, "private, max-age=300") : null;
}
