import type { Route } from "./+types/h5p.picker";
import { listContentsForPicker } from "../features/h5p/service.server";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";
import { currentUser } from "../lib/session.server";

/** The author's activities, for the lesson editor's « Activité interactive » button (JSON, same-origin, with the session). */
export async function loader({ context }: Route.LoaderArgs) {
  const user = currentUser(context);
  if (!user) return Response.json({ error: "signed_out" }, { status: 401 });
  try {
    const activities = await listContentsForPicker(context.get(dbContext), user);
    return Response.json({ activities }, { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.data.code }, { status: appErrorStatus(error) });
    throw error;
  }
}
