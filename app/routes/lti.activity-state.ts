import type { Route } from "./+types/lti.activity-state";
import { loadLaunchedState, saveLaunchedState } from "../features/lti/launched-h5p.server";
import { requireLaunch } from "../features/lti/launched.server";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";

/** H5P core's "content user data" for an activity inside an LMS launch: the launch's user, this launch's activities only. */
async function answer(work: () => Promise<unknown>) {
  try {
    const data = await work();
    return Response.json({ success: true, data: data ?? false }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isAppError(error)) return Response.json({ success: false, message: error.data.code }, { status: appErrorStatus(error) });
    throw error;
  }
}

export function loader({ request, params, context }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  return answer(async () => loadLaunchedState(db, await requireLaunch(db, request, params.launchId), params));
}

export function action({ request, params, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  return answer(async () => {
    const open = await requireLaunch(db, request, params.launchId);
    const form = await request.formData();
    await saveLaunchedState(db, open, params, form.get("data"));
    return null;
  });
}
