import { parseWithZod } from "@conform-to/zod/v4";
import type { Route } from "./+types/classes.moderation";
import { ModerationSchema } from "../features/classrooms/schemas";
import { moderate } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";
import { currentUser } from "../lib/session.server";

/**
 * POST /classes/<id>/moderation (from the room page): grant/revoke speech,
 * mute a track, remove a participant, end the class, start/stop the
 * recording. Form fields in, JSON out.
 */
export async function action({ context, request, params }: Route.ActionArgs) {
  const user = currentUser(context);
  if (!user) return Response.json({ error: { code: "signed_out", messageKey: "classrooms:errors.signed_out" } }, { status: 401 });
  const submission = parseWithZod(await request.formData(), { schema: ModerationSchema });
  if (submission.status !== "success") {
    return Response.json({ error: { code: "bad_request", messageKey: "classrooms:errors.moderation_invalid" } }, { status: 400 });
  }
  try {
    return Response.json(await moderate(context.get(dbContext), user, params.id, submission.value));
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.data }, { status: appErrorStatus(error) });
    throw error;
  }
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
