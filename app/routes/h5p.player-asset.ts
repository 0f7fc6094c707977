import type { Route } from "./+types/h5p.player-asset";
import { playerAsset } from "../features/h5p/player.server";

/** h5p-standalone's player files (an allow-list) and our frame scripts. */
export async function loader({ params }: Route.LoaderArgs) {
  const response = await playerAsset(params["*"] ?? "");
  return response ?? new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });
}
