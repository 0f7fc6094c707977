import { parseWithZod } from "@conform-to/zod/v4";
import type { Route } from "./+types/classes.moderation";
import { ModerationSchema } from "../features/classrooms/schemas";
import { moderate } from "../features/classrooms/service.server";
import { handleJson } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { appError } from "../lib/errors";
import { currentUser } from "../lib/session.server";

/**
 * POST classes/<id>/moderation (from the room page): grant/revoke speech,
 * mute a track, remove a participant, end the class, start/stop the
 * recording. Form fields in, JSON out; a failure is the one JSON error body,
 * whose `messageKey` the room shows.
 */
export async function action({ context, request, params }: Route.ActionArgs) {
  return handleJson(context, async () => {
    const user = currentUser(context);
    if (!user) throw appError(401, "signed_out", "classrooms:errors.signed_out");
    const submission = parseWithZod(await request.formData(), { schema: ModerationSchema });
    // One message for any malformed command: the room only sends well-formed ones.
    if (submission.status !== "success") throw appError(400, "bad_request", "classrooms:errors.moderation_invalid");
    return moderate(context.get(dbContext), user, params.id, submission.value);
  });
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
