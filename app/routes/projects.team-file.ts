import type { Route } from "./+types/projects.team-file";
import { getAttachmentFile } from "../features/projects/attachments.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";

/**
 * A team's file, for the team and its teachers only. Always a download,
 * never rendered by the browser inside our origin (sandboxed, nosniff).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const file = await getAttachmentFile(context.get(dbContext), user, params.projectId, params.teamId, params.attachmentId);
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(Buffer.from(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.body.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
