import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { isUuid } from "../../lib/ids";
import { fileStorage, type FileStorage } from "../../lib/storage.server";
import { servedAs } from "./mime";
import * as q from "./queries.server";
import { isValidContentToken } from "./url-token.server";

/**
 * The extracted files of contents and libraries, read back through the
 * storage interface. Paths are checked here (a 404, never a storage error);
 * the type comes from what was recorded at install, never from the request.
 */
const SAFE_PATH = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const LIBRARY_FOLDER = /^([A-Za-z0-9_.-]{1,255})-(\d{1,5})\.(\d{1,5})$/;

/** Even opened directly, a stored file cannot run script in our origin. */
const FILE_CSP = "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox";

/**
 * nosniff is on every response of the app (app/server.ts).
 * `shared`: read by the player frame, whose origin is opaque (decision 029).
 * Such a request carries no cookie, so letting any origin read the file
 * (CORS `*`, CORP cross-origin) gives nothing more than the address does.
 */
function fileResponse(path: string, body: Uint8Array, contentType: string, { cache, shared }: { cache: string; shared: boolean }) {
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    "Cache-Control": cache,
    "Content-Security-Policy": FILE_CSP,
    "Cross-Origin-Resource-Policy": shared ? "cross-origin" : "same-origin",
  };
  if (shared) headers["Access-Control-Allow-Origin"] = "*";
  if (!servedAs(path).inline) headers["Content-Disposition"] = `attachment; filename="${path.split("/").at(-1)}"`;
  return new Response(new Uint8Array(body), { headers });
}

const safe = (p: string) => SAFE_PATH.test(p) && p.length <= 1000 && !p.split("/").some((s) => s === ".." || s === ".");

/** A library's file; libraries are public code, like the player itself. */
export async function libraryFile(db: DbOrTrx, folder: string, filePath: string, storage: FileStorage = fileStorage()) {
  const match = LIBRARY_FOLDER.exec(folder);
  if (!match || !safe(filePath)) return null;
  const library = await q.findLibrary(db, match[1]!, Number(match[2]), Number(match[3]));
  if (!library) return null;
  const file = await storage.get(`${library.storage_prefix}/${filePath}`);
  return file ? fileResponse(filePath, file.body, file.contentType, { cache: "public, max-age=3600", shared: true }) : null;
}

/**
 * A content's file: for a signed-in person, or through the signed address
 * the player frame was given (url-token.server.ts).
 */
export async function contentFile(
  db: DbOrTrx,
  access: { user: User | null } | { token: string },
  contentId: string,
  filePath: string,
  storage: FileStorage = fileStorage(),
) {
  if (!isUuid(contentId) || !safe(filePath)) return null;
  const byToken = "token" in access;
  if (byToken ? !(await isValidContentToken(db, contentId, access.token)) : !access.user) return null;
  const content = await q.findContent(db, contentId);
  if (!content) return null;
  const file = await storage.get(`${content.storage_prefix}/${filePath}`);
  return file ? fileResponse(filePath, file.body, file.contentType, { cache: "private, max-age=3600", shared: byToken }) : null;
}
