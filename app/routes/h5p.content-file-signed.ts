import type { Route } from "./+types/h5p.content-file-signed";
import { contentFile } from "../features/h5p/files.server";
import { dbContext } from "../lib/context";

/** A content's file read by the sandboxed player frame, through its signed address (no cookie travels). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const response = await contentFile(context.get(dbContext), { token: params.token }, params.contentId, params["*"] ?? "");
  return response ?? new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain", "Access-Control-Allow-Origin": "*" } });
}
