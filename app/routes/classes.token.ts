import type { Route } from "./+types/classes.token";
import { issueJoinToken } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";
import { currentUser } from "../lib/session.server";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * POST /classes/<id>/jeton → { token, url, identity, role, expiresAt } as JSON.
 * POST only, so the Origin check applies and a token never sits in a cache or
 * a log line; the room page calls it to connect and again to reconnect.
 */
export async function action({ context, params }: Route.ActionArgs) {
  const user = currentUser(context);
  if (!user) return Response.json({ error: { code: "signed_out", messageKey: "classrooms:errors.signed_out" } }, { status: 401, headers: NO_STORE });
  try {
    return Response.json(await issueJoinToken(context.get(dbContext), user, params.id), { headers: NO_STORE });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.data }, { status: appErrorStatus(error), headers: NO_STORE });
    throw error;
  }
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
