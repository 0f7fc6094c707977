import type { Route } from "./+types/h5p.state";
import { loadState, saveState } from "../features/h5p/state.server";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";
import { currentUser } from "../lib/session.server";

/** H5P core's "content user data" endpoint: GET to resume, POST to save (same-origin, with the session). */
async function answer(work: () => Promise<unknown>) {
  try {
    const data = await work();
    return Response.json({ success: true, data: data ?? false }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isAppError(error)) return Response.json({ success: false, message: error.data.code }, { status: appErrorStatus(error) });
    throw error;
  }
}

export function loader({ params, context }: Route.LoaderArgs) {
  const user = currentUser(context);
  if (!user) return Response.json({ success: false, message: "signed_out" }, { status: 401 });
  return answer(() => loadState(context.get(dbContext), user, params));
}

export function action({ request, params, context }: Route.ActionArgs) {
  const user = currentUser(context);
  if (!user) return Response.json({ success: false, message: "signed_out" }, { status: 401 });
  return answer(async () => {
    const form = await request.formData();
    await saveState(context.get(dbContext), user, params, form.get("data"));
    return null;
  });
}
