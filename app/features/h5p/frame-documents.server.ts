import type { TFunction } from "i18next";
import { href } from "react-router";
import type { User } from "../../../db/schema/accounts";
import type { H5pContent } from "../../../db/schema/h5p";
import type { DisplayPrefs } from "../../lib/display.server";
import { FRENCH_CORE_STRINGS } from "./core-strings";
import {
  activityIri,
  CONTENT_PATH,
  declaredCompletionIri,
  LIBRARIES_PATH,
  PLAYER_FRAME_PATH,
  PLAYER_PATH,
  RELAY_PATH,
  routePrefix,
  SAVE_FREQ,
  STATE_PATH,
} from "./player.server";

/**
 * The two documents of an activity (decision 029). The lesson page frames
 * the *host* document (/h5p/cadre/:id): same origin, our scripts only, it
 * holds the learner's session — statement queue, relay, state saves, the
 * status line and the manual completion button. The host frames the
 * *player* document (/h5p/jeu/:id): an opaque origin (CSP `sandbox` without
 * allow-same-origin), where H5P libraries run and may evaluate strings;
 * whatever runs there sends no cookie, reads no storage of ours, and talks
 * to the host only through a few checked messages.
 */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside <script type="application/json">: no "</script>" or "<!--" can close it. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

/** The learner's display modes, on the root element of both documents (issue 13). */
export const modeClasses = (display: DisplayPrefs) => [display.largeText && "large-text", display.highContrast && "high-contrast"].filter(Boolean).join(" ");
const htmlOpen = (locale: string, display: DisplayPrefs) => {
  const classes = modeClasses(display);
  return `<html lang="${escapeHtml(locale)}"${classes ? ` class="${classes}"` : ""}>`;
};

const policy = (directives: string[]) => directives.join("; ");

/**
 * An activity played inside an LMS's frame (decision 048): the host and the
 * player are addressed under the launch's pages, whose cookie is the
 * credential, and may be framed by that launch's platform only.
 */
export interface LaunchEmbedding {
  relayUrl: string;
  stateUrl: string;
  /** The player document's path (no origin, no query). */
  playerSrc: string;
  /** The launch's platform origins, added to `frame-ancestors` (never `*`). */
  frameAncestors: string[];
}

const ancestors = (first: string, embedding?: Pick<LaunchEmbedding, "frameAncestors">) => [first, ...(embedding?.frameAncestors ?? [])].join(" ");

/** Our scripts only; the session's requests; frames only of the player document. */
export function hostContentSecurityPolicy(site: string, embedding?: LaunchEmbedding) {
  return policy([
    "default-src 'none'",
    `script-src ${site}${PLAYER_PATH}/`,
    `style-src ${site}${PLAYER_PATH}/`,
    "img-src 'self' data:",
    "connect-src 'self'",
    embedding ? `frame-src ${site}${embedding.playerSrc}` : `frame-src ${site}${PLAYER_FRAME_PATH}/`,
    `frame-ancestors ${ancestors("'self'", embedding)}`,
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ]);
}

/**
 * Scripts from the player and installed libraries, which may evaluate
 * strings ('unsafe-eval': EmbeddedJS templates and the like); reads only this
 * content's signed files and the libraries; an opaque origin whatever frames it.
 * Sources are the site's absolute URL: 'self' means little to an opaque origin.
 */
export function playerContentSecurityPolicy(site: string, contentId: string, embedding?: Pick<LaunchEmbedding, "frameAncestors">) {
  return policy([
    "default-src 'none'",
    `script-src ${site}${PLAYER_PATH}/ ${site}${LIBRARIES_PATH}/ 'unsafe-eval'`,
    // H5P libraries set style attributes in the markup they build.
    `style-src ${site}/h5p/ 'unsafe-inline'`,
    `img-src ${site}/h5p/ data: blob:`,
    `media-src ${site}/h5p/ blob:`,
    `font-src ${site}/h5p/ data:`,
    `connect-src ${site}${CONTENT_PATH}/${contentId}/jeton/ ${site}${LIBRARIES_PATH}/`,
    "frame-src 'none'",
    `frame-ancestors ${ancestors(site, embedding)}`,
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox",
  ]);
}

function documentResponse(html: string, csp: string, status = 200, embedded = false) {
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": csp,
      "Cache-Control": "private, no-store",
      // frame-ancestors above is what browsers apply; this keeps old ones in step
      // (not inside an LMS, which X-Frame-Options cannot name).
      ...(embedded ? {} : { "X-Frame-Options": "SAMEORIGIN" }),
      "Referrer-Policy": "same-origin",
    },
  });
}

/** Both plural forms with `{{count}}` left in, for the host script to fill (it picks the form with Intl.PluralRules, as i18next does). */
const RAW = { interpolation: { prefix: "\u0000<", suffix: ">\u0000" } };
const pluralTemplates = (t: TFunction, key: string) => ({ one: t(key, { count: 1, ...RAW }), other: t(key, { count: 2, ...RAW }) });

export interface HostInput {
  site: string;
  content: Pick<H5pContent, "id" | "title">;
  user: Pick<User, "id">;
  lessonId: string | null;
  /** The lesson page's signed « opened at », sent back with each statement (decision 042). */
  openedAt?: string | null;
  /** The learner already has a result (or a declared completion) for this content. */
  finished: boolean;
  locale: string;
  display: DisplayPrefs;
  t: TFunction;
  /** Played inside an LMS's frame, with the launch's credentials (decision 048). */
  embedding?: LaunchEmbedding;
}

export function hostDocument({ site, content, user, lessonId, openedAt = null, finished, locale, display, t, embedding }: HostInput): Response {
  const config = {
    contentId: content.id,
    title: content.title,
    locale,
    lessonId,
    openedAt,
    userId: user.id,
    finished,
    relayUrl: embedding?.relayUrl ?? RELAY_PATH,
    stateUrl: embedding?.stateUrl ?? STATE_PATH,
    activityIri: activityIri(site, content.id),
    declaredIri: declaredCompletionIri(site),
    messages: {
      waiting: pluralTemplates(t, "h5p:frame.waiting"),
      refused: pluralTemplates(t, "h5p:frame.refused"),
      saved: t("h5p:frame.saved"),
      declared: t("h5p:frame.declared"),
    },
  };
  const src = embedding?.playerSrc ?? href("/h5p/jeu/:contentId", { contentId: content.id });
  const html = `<!doctype html>
${htmlOpen(locale, display)}
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<link rel="stylesheet" href="${PLAYER_PATH}/frame.css">
</head>
<body class="h5p-host">
<main aria-label="${escapeHtml(content.title)}">
<iframe id="h5p-player" class="h5p-player" src="${src}" title="${escapeHtml(t("h5p:frame.player_title", { title: content.title }))}" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" allow="fullscreen"></iframe>
<div id="h5p-manual" class="manual-completion" hidden>
<p id="h5p-manual-hint">${escapeHtml(t("h5p:frame.manual_hint"))}</p>
<button type="button" id="h5p-manual-button" class="manual-button" aria-describedby="h5p-manual-hint">${escapeHtml(t("h5p:frame.manual_button"))}</button>
</div>
<p id="h5p-finished" class="manual-done"${finished ? "" : " hidden"}>${escapeHtml(t("h5p:frame.finished"))}</p>
</main>
<p id="h5p-relay-status" class="relay-status" role="status" aria-live="polite"></p>
<script type="application/json" id="h5p-host-config">${scriptJson(config)}</script>
<script src="${PLAYER_PATH}/relay.js"></script>
<script src="${PLAYER_PATH}/host.js"></script>
</body>
</html>`;
  return documentResponse(html, hostContentSecurityPolicy(site, embedding), 200, !!embedding);
}

export interface PlayerInput {
  site: string;
  content: Pick<H5pContent, "id" | "title">;
  /** The signed part of the content files' address (url-token.server.ts). */
  token: string;
  state: string | null;
  locale: string;
  display: DisplayPrefs;
  /** Inside an LMS's frame: its origins may be ancestors too (decision 048). */
  embedding?: Pick<LaunchEmbedding, "frameAncestors">;
}

/** The player document: no name, no id of the learner — only their saved state for this content. */
export function playerDocument({ site, content, token, state, locale, display, embedding }: PlayerInput): Response {
  const config = {
    contentId: content.id,
    site,
    contentUrl: `${site}${routePrefix(href("/h5p/contenus/:contentId/jeton/:token/*", { contentId: content.id, token, "*": "" }))}`,
    librariesUrl: `${site}${LIBRARIES_PATH}`,
    playerUrl: `${site}${PLAYER_PATH}`,
    hostOrigin: site,
    activityIri: activityIri(site, content.id),
    saveFreq: SAVE_FREQ,
    state,
    translations: locale === "fr" ? { H5P: FRENCH_CORE_STRINGS } : undefined,
  };
  const html = `<!doctype html>
${htmlOpen(locale, display)}
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<link rel="stylesheet" href="${site}${PLAYER_PATH}/frame.css">
</head>
<body class="h5p-player-body">
<main id="h5p-container" aria-label="${escapeHtml(content.title)}"></main>
<script type="application/json" id="h5p-config">${scriptJson(config)}</script>
<script src="${site}${PLAYER_PATH}/boot.js"></script>
<script src="${site}${PLAYER_PATH}/main.bundle.js"></script>
</body>
</html>`;
  return documentResponse(html, playerContentSecurityPolicy(site, content.id, embedding), 200, !!embedding);
}

/** Shown in the host frame to a visitor who is not signed in. */
export function signedOutFrame(site: string, t: TFunction, locale: string, display: DisplayPrefs, returnTo: string): Response {
  const html = `<!doctype html>
${htmlOpen(locale, display)}<head><meta charset="utf-8"><title>${escapeHtml(t("h5p:frame.sign_in_title"))}</title>
<link rel="stylesheet" href="${PLAYER_PATH}/frame.css"></head>
<body class="h5p-host"><main><p>${escapeHtml(t("h5p:frame.sign_in"))} <a href="${href("/connexion")}?retour=${encodeURIComponent(returnTo)}" target="_top">${escapeHtml(t("h5p:frame.sign_in_link"))}</a></p></main></body></html>`;
  return documentResponse(html, hostContentSecurityPolicy(site));
}

/** A host frame inside an LMS whose launch has ended (or whose cookie did not come): a sentence, no script. */
export function endedFrame(site: string, locale: string, display: DisplayPrefs, text: string, embedding: Pick<LaunchEmbedding, "frameAncestors">): Response {
  const html = `<!doctype html>
${htmlOpen(locale, display)}<head><meta charset="utf-8"><title>${escapeHtml(text)}</title>
<link rel="stylesheet" href="${PLAYER_PATH}/frame.css"></head>
<body class="h5p-host"><main><p>${escapeHtml(text)}</p></main></body></html>`;
  return documentResponse(html, policy(["default-src 'none'", `style-src ${site}${PLAYER_PATH}/`, `frame-ancestors ${ancestors("'self'", embedding)}`, "base-uri 'none'"]), 401, true);
}

/** The player document asked for without a session (the host never does that): nothing to play. */
export function playerUnavailable(): Response {
  return documentResponse("<!doctype html><title>401</title>", "default-src 'none'; frame-ancestors 'self'; sandbox", 401);
}

export const hostUrl = (contentId: string, lessonId?: string | null) => `${href("/h5p/cadre/:contentId", { contentId })}${lessonId ? `?lecon=${lessonId}` : ""}`;
