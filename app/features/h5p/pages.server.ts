import type { User } from "../../../db/schema/accounts";
import type { DbOrTrx } from "../../lib/db.server";
import { can } from "../../lib/permissions";
import { canSeeResults, findPlayableContent } from "./service.server";

/** The activity page: who may see what. */
export async function loadActivityPage(db: DbOrTrx, user: User, contentId: string) {
  const content = await findPlayableContent(db, contentId);
  return {
    content: { id: content.id, title: content.title, mainLibrary: content.main_library },
    canSeeResults: canSeeResults(user, content),
    isAuthor: can(user, "create:h5p_content:own"),
  };
}
