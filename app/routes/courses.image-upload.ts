import type { Route } from "./+types/courses.image-upload";
import { uploadLessonImage } from "../features/courses/authoring.server";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";
import { requireUser } from "../lib/session.server";
import { IMAGE_RULES } from "../lib/storage.server";

/**
 * POST an image from the lesson editor (multipart, field `image`); answers
 * `{ src }` with our storage URL, or `{ messageKey }` and a 4xx. Same-origin
 * only (the Origin check of the request middleware applies).
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  try {
    if (Number(request.headers.get("Content-Length") ?? 0) > IMAGE_RULES.maxBytes + 64 * 1024) {
      return Response.json({ messageKey: "files:errors.too_large", values: { max: IMAGE_RULES.maxBytes / 1024 / 1024 } }, { status: 413 });
    }
    const form = await request.formData().catch(() => null);
    const file = form?.get("image");
    if (!(file instanceof File) || file.size === 0) {
      return Response.json({ messageKey: "courses:errors.image_required" }, { status: 400 });
    }
    const stored = await uploadLessonImage(context.get(dbContext), user, params.courseId, new Uint8Array(await file.arrayBuffer()));
    return Response.json({ src: stored.url }, { status: 201 });
  } catch (error) {
    if (isAppError(error)) {
      return Response.json({ messageKey: error.data.messageKey, values: error.data.values }, { status: appErrorStatus(error) });
    }
    throw error;
  }
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
