import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { isUuid } from "../../lib/ids";
import { bestResults } from "./progress.server";
import { findPlayableContent } from "./service.server";
import { initialState } from "./state.server";
import { contentToken } from "./url-token.server";

/**
 * What the host frame needs: the content, the lesson it is played in, and
 * whether the learner has finished it. `openedParam` is the lesson page's
 * signed « opened at », passed on with the results as is: the courses
 * domain verifies it when a result completes the lesson (decision 042).
 */
export async function openHostFrame(db: DbOrTrx, user: User, contentId: string, lessonParam: string | null, openedParam: string | null = null) {
  const content = await findPlayableContent(db, contentId);
  const finished = (await bestResults(db, user.id, [content.id])).has(content.id);
  const lessonId = lessonParam && isUuid(lessonParam) ? lessonParam.toLowerCase() : null;
  const openedAt = lessonId && openedParam && OPENED_AT_SHAPE.test(openedParam) ? openedParam : null;
  return { content, finished, lessonId, openedAt };
}

const OPENED_AT_SHAPE = /^[0-9A-Za-z._-]{1,100}$/;

/** What the player frame needs: the content, the state to resume from, and the signed address of its files. */
export async function openPlayerFrame(db: DbOrTrx, user: User, contentId: string) {
  const content = await findPlayableContent(db, contentId);
  const [state, token] = await Promise.all([initialState(db, user.id, content.id), contentToken(db, content.id)]);
  return { content, state, token };
}
