import type { Route } from "./+types/courses.image";
import { readCourseImage } from "../features/courses/images.server";

/**
 * Course images (covers and lesson pictures). The type is the one sniffed
 * at upload; `X-Content-Type-Options: nosniff` (set on every response by
 * app/server.ts) and a sandboxing CSP make sure a browser never runs
 * anything from here. Names are random UUIDs: images of a draft are only
 * seen by whoever has its pages' addresses.
 */
export async function loader({ params }: Route.LoaderArgs) {
  const file = await readCourseImage(params.fileName);
  if (!file) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(Buffer.from(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.body.byteLength),
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "public, max-age=31536000, immutable",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
