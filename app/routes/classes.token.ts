import type { Route } from "./+types/classes.token";
import { issueJoinToken } from "../features/classrooms/service.server";
import { handleJson } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { appError } from "../lib/errors";
import { currentUser } from "../lib/session.server";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * POST classes/<id>/jeton → { token, url, identity, role, expiresAt } as JSON.
 * POST only, so the Origin check applies and a token never sits in a cache or
 * a log line; the room page calls it to connect and again to reconnect.
 */
export async function action({ context, params }: Route.ActionArgs) {
  return handleJson(
    context,
    async () => {
      const user = currentUser(context);
      if (!user) throw appError(401, "signed_out", "classrooms:errors.signed_out");
      return issueJoinToken(context.get(dbContext), user, params.id);
    },
    { headers: NO_STORE },
  );
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
