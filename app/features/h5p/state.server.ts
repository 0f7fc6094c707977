import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { appError, notFound } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import * as q from "./queries.server";

/**
 * H5P's "content user data" (the state a content type saves to resume), per
 * learner and content, in the shape H5P core's ajax calls expect.
 */
const DATA_TYPE = /^[a-z][a-zA-Z0-9_-]{0,40}$/;
const SUB_CONTENT = /^[a-zA-Z0-9_-]{1,64}$/;
export const MAX_STATE_CHARS = 65_536;

async function key(db: DbOrTrx, user: User, params: { contentId?: string; dataType?: string; subContentId?: string }) {
  const { contentId = "", dataType = "", subContentId = "" } = params;
  if (!isUuid(contentId) || !DATA_TYPE.test(dataType) || !SUB_CONTENT.test(subContentId)) throw notFound("page");
  if (!(await q.findContent(db, contentId))) throw notFound("page");
  return { userId: user.id, contentId: contentId.toLowerCase(), dataType, subContentId };
}

export async function loadState(db: DbOrTrx, user: User, params: Parameters<typeof key>[2]) {
  const row = await q.findState(db, await key(db, user, params));
  return row?.state ?? null;
}

/** H5P posts `data` (a JSON string, or "0" to delete), `preload` and `invalidate`. */
export async function saveState(db: DbOrTrx, user: User, params: Parameters<typeof key>[2], data: FormDataEntryValue | null) {
  const k = await key(db, user, params);
  if (typeof data !== "string") throw appError(400, "bad_state", "h5p:errors.bad_state");
  if (data === "0") return q.deleteState(db, k);
  if (data.length > MAX_STATE_CHARS) throw appError(413, "state_too_large", "h5p:errors.state_too_large");
  try {
    JSON.parse(data);
  } catch {
    throw appError(400, "bad_state", "h5p:errors.bad_state");
  }
  await q.saveState(db, k, data);
}

/** The state given to the player when the frame opens (subContentId 0, as H5P reads it). */
export async function initialState(db: DbOrTrx, userId: string, contentId: string) {
  const row = await q.findState(db, { userId, contentId, dataType: "state", subContentId: "0" });
  return row?.state ?? null;
}
