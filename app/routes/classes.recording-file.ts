import type { Route } from "./+types/classes.recording-file";
import { openRecording } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";

/** The recording's video, for the people of the class only, with byte ranges for seeking. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const file = await openRecording(context.get(dbContext), user, params.id, params.recordingId, request.headers.get("Range"));
  // The bytes are already in memory (the storage interface returns whole files).
  return new Response(file.body as Uint8Array<ArrayBuffer>, { status: file.status, headers: file.headers });
}
