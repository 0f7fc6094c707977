import type { Route } from "./+types/h5p.content-file";
import { contentFile } from "../features/h5p/files.server";
import { dbContext } from "../lib/context";
import { currentUser } from "../lib/session.server";

export async function loader({ params, context }: Route.LoaderArgs) {
  const response = await contentFile(context.get(dbContext), { user: currentUser(context) }, params.contentId, params["*"] ?? "");
  return response ?? new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
}
