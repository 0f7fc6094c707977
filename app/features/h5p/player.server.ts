import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { TFunction } from "i18next";
import type { User } from "../../../db/schema/accounts";
import type { H5pContent } from "../../../db/schema/h5p";
import frameCss from "./player/frame.css?raw";
import frameJs from "./player/frame.js?raw";
import relayJs from "./player/relay.js?raw";
import { contentTypeOf } from "./mime";

/**
 * The H5P player, served from our origin: h5p-standalone's bundles, styles
 * and fonts (an allow-list of files from node_modules/h5p-standalone/dist),
 * our boot and relay scripts, and the frame document that ties them to one
 * activity under its own restrictive CSP (docs/decisions/ on H5P security).
 */
export const PLAYER_PATH = "/h5p/lecteur";
export const LIBRARIES_PATH = "/h5p/bibliotheques";
export const CONTENT_PATH = "/h5p/contenus";
export const RELAY_PATH = "/h5p/releve";
export const STATE_PATH = "/h5p/etat";
/** Seconds between saves of the learner's state. */
export const SAVE_FREQ = 3;

const OWN_ASSETS: Record<string, string> = { "frame.js": frameJs, "relay.js": relayJs, "frame.css": frameCss };
const DIST_FILES = /^(main\.bundle\.js|frame\.bundle\.js|styles\/h5p(-fonts)?\.css|images\/(throbber\.gif|h5p\.svg)|fonts\/(?:[a-z-]+\/)?[A-Za-z0-9_.-]+\.(?:woff2?|ttf))$/;

let distDir: string | undefined;
const cache = new Map<string, Buffer>();

export async function playerAsset(file: string): Promise<Response | null> {
  const headers = { "Cache-Control": "public, max-age=86400", "Cross-Origin-Resource-Policy": "same-origin" };
  if (Object.hasOwn(OWN_ASSETS, file)) {
    return new Response(OWN_ASSETS[file], { headers: { ...headers, "Content-Type": contentTypeOf(file) } });
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
  return new Response(new Uint8Array(body), { headers: { ...headers, "Content-Type": contentTypeOf(file) } });
}

/** Scripts only from the player and library folders of this origin; nothing inline, no eval. */
export function frameContentSecurityPolicy(site: string) {
  return [
    "default-src 'none'",
    `script-src ${site}${PLAYER_PATH}/ ${site}${LIBRARIES_PATH}/`,
    // H5P libraries set style attributes in the markup they build.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script type="application/json">: no "</script>" or "<!--" can close it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

export interface FrameInput {
  site: string;
  content: Pick<H5pContent, "id" | "title">;
  user: Pick<User, "id" | "first_name">;
  lessonId: string | null;
  state: string | null;
  locale: string;
  t: TFunction;
}

export function activityIri(site: string, contentId: string) {
  return `${site}/activites/${contentId}`;
}

/** The frame's own HTML document. */
export function frameDocument({ site, content, user, lessonId, state, locale, t }: FrameInput): Response {
  const config = {
    contentId: content.id,
    contentUrl: `${CONTENT_PATH}/${content.id}`,
    librariesUrl: LIBRARIES_PATH,
    playerUrl: PLAYER_PATH,
    activityIri: activityIri(site, content.id),
    relayUrl: RELAY_PATH,
    stateUrl: `${STATE_PATH}/:contentId/:dataType/:subContentId`,
    saveFreq: SAVE_FREQ,
    userId: user.id,
    userName: user.first_name,
    // H5P wants an address to build its own actor; the server replaces the actor anyway.
    userMail: `${user.id}@utilisateurs.passerelle.invalid`,
    lessonId,
    state,
    messages: { waiting: t("h5p:frame.waiting", { count: "{{count}}" }), saved: t("h5p:frame.saved") },
    translations: locale === "fr" ? { H5P: FRENCH_CORE_STRINGS } : undefined,
  };
  const html = `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<link rel="stylesheet" href="${PLAYER_PATH}/frame.css">
</head>
<body>
<main id="h5p-container" aria-label="${escapeHtml(content.title)}"></main>
<p id="h5p-relay-status" class="relay-status" role="status" aria-live="polite"></p>
<script type="application/json" id="h5p-config">${scriptJson(config)}</script>
<script src="${PLAYER_PATH}/main.bundle.js"></script>
<script src="${PLAYER_PATH}/relay.js"></script>
<script src="${PLAYER_PATH}/frame.js"></script>
</body>
</html>`;
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": frameContentSecurityPolicy(site),
      "Cache-Control": "private, no-store",
      // frame-ancestors above is what browsers apply; this keeps old ones in step.
      "X-Frame-Options": "SAMEORIGIN",
    },
  });
}

/** Shown in the frame to a visitor who is not signed in. */
export function signedOutFrame(site: string, t: TFunction, locale: string, returnTo: string): Response {
  const html = `<!doctype html>
<html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><title>${escapeHtml(t("h5p:frame.sign_in_title"))}</title>
<link rel="stylesheet" href="${PLAYER_PATH}/frame.css"></head>
<body><main><p>${escapeHtml(t("h5p:frame.sign_in"))} <a href="/connexion?retour=${encodeURIComponent(returnTo)}" target="_top">${escapeHtml(t("h5p:frame.sign_in_link"))}</a></p></main></body></html>`;
  return new Response(html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": frameContentSecurityPolicy(site), "Cache-Control": "no-store" },
  });
}

/** H5P core's interface strings in French (the player ships English only). */
const FRENCH_CORE_STRINGS = {
  fullscreen: "Plein écran",
  disableFullscreen: "Quitter le plein écran",
  download: "Télécharger",
  copyrights: "Droits d'utilisation",
  embed: "Intégrer",
  size: "Taille",
  showAdvanced: "Afficher les options avancées",
  hideAdvanced: "Masquer les options avancées",
  close: "Fermer",
  title: "Titre",
  author: "Auteur",
  year: "Année",
  source: "Source",
  license: "Licence",
  thumbnail: "Miniature",
  noCopyrights: "Aucune information de droits.",
  reuse: "Réutiliser",
  reuseContent: "Réutiliser le contenu",
  reuseDescription: "Réutiliser ce contenu.",
  confirmDialogHeader: "Confirmer l'action",
  confirmDialogBody: "Confirmez que vous voulez continuer. Cette action ne peut pas être annulée.",
  cancelLabel: "Annuler",
  confirmLabel: "Confirmer",
  contentChanged: "Ce contenu a changé depuis votre dernière visite.",
  startingOver: "Vous allez recommencer.",
  by: "par",
  showMore: "Afficher plus",
  showLess: "Afficher moins",
  connectionLost: "Connexion perdue. Vos résultats seront envoyés dès le retour de la connexion.",
  connectionReestablished: "Connexion rétablie.",
  resubmitScores: "Envoi des résultats en attente.",
  offlineDialogHeader: "La connexion au serveur est perdue",
  offlineDialogBody: "Nous n'avons pas pu envoyer vos résultats. Vérifiez votre connexion à Internet.",
  offlineDialogRetryMessage: "Nouvel essai dans :num…",
  offlineDialogRetryButtonLabel: "Réessayer maintenant",
  offlineSuccessfulSubmit: "Résultats envoyés.",
};
