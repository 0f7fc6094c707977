import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { isUuid } from "../../lib/ids";
import { findPlayableContent } from "./service.server";
import { initialState } from "./state.server";

/** What the frame needs to play a content for a learner: the content, and the state to resume from. */
export async function openFrame(db: DbOrTrx, user: User, contentId: string, lessonParam: string | null) {
  const content = await findPlayableContent(db, contentId);
  const state = await initialState(db, user.id, content.id);
  return { content, state, lessonId: lessonParam && isUuid(lessonParam) ? lessonParam.toLowerCase() : null };
}
