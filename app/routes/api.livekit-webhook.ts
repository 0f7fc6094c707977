import type { Route } from "./+types/api.livekit-webhook";
import { handleLiveKitWebhook, MAX_WEBHOOK_BYTES } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";

/**
 * LiveKit's webhooks. The body is read as raw text: the signature covers its
 * exact bytes, so it must not be parsed and re-serialised before the check.
 * Exempt from the Origin check (app/lib/middleware.server.ts): LiveKit signs
 * its requests instead.
 */
export async function action({ context, request }: Route.ActionArgs) {
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_WEBHOOK_BYTES) return new Response("too_large", { status: 413 });
  const rawBody = await request.text();
  const outcome = await handleLiveKitWebhook(context.get(dbContext), rawBody, request.headers.get("Authorization"));
  return new Response(outcome.result, { status: outcome.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function loader() {
  return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}
