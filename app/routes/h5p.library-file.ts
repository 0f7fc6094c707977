import type { Route } from "./+types/h5p.library-file";
import { libraryFile } from "../features/h5p/files.server";
import { dbContext } from "../lib/context";

export async function loader({ params, context }: Route.LoaderArgs) {
  const response = await libraryFile(context.get(dbContext), params.folder, params["*"] ?? "");
  return response ?? new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
}
