import type { Route } from "./+types/courses.image-upload";
import { uploadLessonImage } from "../features/courses/authoring.server";
import { handleJson } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { appError } from "../lib/errors";
import { requireUser } from "../lib/session.server";
import { IMAGE_RULES } from "../lib/storage.server";

/**
 * POST an image from the lesson editor (multipart, field `image`); answers
 * `{ src }` with our storage URL, or the one JSON error body and a 4xx.
 * Same-origin only (the Origin check of the request middleware applies).
 */
export async function action({ request, params, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleJson(context, async () => {
    if (Number(request.headers.get("Content-Length") ?? 0) > IMAGE_RULES.maxBytes + 64 * 1024) {
      throw appError(413, "too_large", "files:errors.too_large", { max: IMAGE_RULES.maxBytes / 1024 / 1024 });
    }
    // A body that is not a readable form counts as no image at all, as before.
    const form = await request.formData().catch(() => null);
    const file = form?.get("image");
    if (!(file instanceof File) || file.size === 0) throw appError(400, "image_required", "courses:errors.image_required");
    const stored = await uploadLessonImage(context.get(dbContext), user, params.courseId, new Uint8Array(await file.arrayBuffer()));
    return Response.json({ src: stored.url }, { status: 201 });
  });
}

export function loader() {
  return new Response(null, { status: 405, headers: { Allow: "POST" } });
}
