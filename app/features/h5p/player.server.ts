import { href } from "react-router";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import bootJs from "./player/boot.js?raw";
import frameCss from "./player/frame.css?raw";
import hostJs from "./player/host.js?raw";
import relayJs from "./player/relay.js?raw";
import { contentTypeOf } from "./mime";

/**
 * The H5P player, served from our origin: h5p-standalone's bundles, styles
 * and fonts (an allow-list of files from node_modules/h5p-standalone/dist),
 * our scripts for the two frame documents (host.js + relay.js in the host
 * frame, boot.js in the player frame) and their stylesheet. The documents
 * themselves are built in frame-documents.server.ts (decision 029).
 */

/**
 * The player's route prefixes, without a trailing slash: the frame documents
 * append file names and ids to them and the CSP allows them as path
 * prefixes. They come from href() so that renaming a route in app/routes.ts
 * breaks the type check. Empty parameters (and splat) give the route's
 * parent path with trailing slashes, which routePrefix drops.
 */
export const routePrefix = (url: string) => url.replace(/\/+$/, "");
export const PLAYER_PATH = routePrefix(href("/h5p/lecteur/*", { "*": "" }));
export const LIBRARIES_PATH = routePrefix(href("/h5p/bibliotheques/:folder/*", { folder: "", "*": "" }));
export const CONTENT_PATH = routePrefix(href("/h5p/contenus/:contentId/*", { contentId: "", "*": "" }));
export const PLAYER_FRAME_PATH = routePrefix(href("/h5p/jeu/:contentId", { contentId: "" }));
export const RELAY_PATH = href("/h5p/releve");
export const STATE_PATH = routePrefix(href("/h5p/etat/:contentId/:dataType/:subContentId", { contentId: "", dataType: "", subContentId: "" }));
/** Seconds between saves of the learner's state. */
export const SAVE_FREQ = 3;

const OWN_ASSETS: Record<string, string> = { "host.js": hostJs, "boot.js": bootJs, "relay.js": relayJs, "frame.css": frameCss };
const DIST_FILES = /^(main\.bundle\.js|frame\.bundle\.js|styles\/h5p(-fonts)?\.css|images\/(throbber\.gif|h5p\.svg)|fonts\/(?:[a-z-]+\/)?[A-Za-z0-9_.-]+\.(?:woff2?|ttf))$/;

let distDir: string | undefined;
const cache = new Map<string, Buffer>();

/**
 * Public code and styles. The player frame's origin is opaque, so to it
 * every one of these is cross-origin: scripts and styles need CORP
 * `cross-origin`, fonts (fetched in CORS mode) an `Access-Control-Allow-Origin`.
 */
export const PUBLIC_CODE_HEADERS = {
  "Cache-Control": "public, max-age=86400",
  "Cross-Origin-Resource-Policy": "cross-origin",
  "Access-Control-Allow-Origin": "*",
};

export async function playerAsset(file: string): Promise<Response | null> {
  if (Object.hasOwn(OWN_ASSETS, file)) {
    return new Response(OWN_ASSETS[file], { headers: { ...PUBLIC_CODE_HEADERS, "Content-Type": contentTypeOf(file) } });
  }
  if (!DIST_FILES.test(file)) return null;
  distDir ??= path.join(path.dirname(createRequire(import.meta.url).resolve("h5p-standalone/package.json")), "dist");
  let body = cache.get(file);
  if (!body) {
    try {
      body = await readFile(path.join(distDir, file));
    } catch {
      return null;
    }
    cache.set(file, body);
  }
  return new Response(new Uint8Array(body), { headers: { ...PUBLIC_CODE_HEADERS, "Content-Type": contentTypeOf(file) } });
}

export function activityIri(site: string, contentId: string) {
  return `${site}/activites/${contentId}`;
}

/**
 * Result extensions Passerelle writes on the statements it relays (IRIs
 * under the site, like its activities): a score the relay brought back
 * within the bounds xAPI sets (the original score is the value), and a
 * completion the learner declared for an activity that reports nothing.
 */
export const scoreAdjustedIri = (site: string) => `${site}/xapi/extensions/score-adjusted`;
export const declaredCompletionIri = (site: string) => `${site}/xapi/extensions/declared-by-learner`;
