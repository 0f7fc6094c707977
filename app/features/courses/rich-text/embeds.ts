/**
 * Video embeds by URL. Only three providers, each in its privacy-enhanced
 * form: YouTube through youtube-nocookie.com, Vimeo with `dnt=1`, and
 * PeerTube instances we list here (P2P off, so viewers' addresses are not
 * shared with other viewers). The stored node keeps the URL the author
 * pasted; the embed address is rebuilt from it at every render, so a
 * tampered document cannot point an iframe anywhere else.
 *
 * The Content-Security-Policy's frame-src (app/lib/csp.server.ts) lists the
 * same origins.
 */

/** PeerTube instances allowed in lessons (public-service and non-profit hosts). */
export const PEERTUBE_HOSTS: readonly string[] = [
  "framatube.org",
  "tube-numerique-educatif.apps.education.fr",
  "tube-institutionnel.apps.education.fr",
];

export const EMBED_FRAME_ORIGINS: readonly string[] = [
  "https://www.youtube-nocookie.com",
  "https://player.vimeo.com",
  ...PEERTUBE_HOSTS.map((host) => `https://${host}`),
];

export type VideoProvider = "youtube" | "vimeo" | "peertube";

export interface VideoEmbed {
  provider: VideoProvider;
  /** The iframe address. */
  embedUrl: string;
  /** A plain link to the video on its site, for people who cannot play the embed. */
  watchUrl: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIMEO_ID = /^\d{1,12}$/;
// PeerTube ids are UUIDs or 22-character short UUIDs.
const PEERTUBE_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[1-9A-HJ-NP-Za-km-z]{20,24})$/;

export function toVideoEmbed(value: unknown): VideoEmbed | null {
  if (typeof value !== "string" || value.length > 500) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase();
  const parts = url.pathname.split("/").filter(Boolean);

  if (["youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"].includes(host)) {
    let id: string | undefined;
    if (host === "youtu.be") id = parts[0];
    else if (parts[0] === "watch") id = url.searchParams.get("v") ?? undefined;
    else if (parts[0] === "embed" || parts[0] === "shorts" || parts[0] === "live") id = parts[1];
    if (!id || !YOUTUBE_ID.test(id)) return null;
    return {
      provider: "youtube",
      embedUrl: `https://www.youtube-nocookie.com/embed/${id}?rel=0`,
      watchUrl: `https://www.youtube.com/watch?v=${id}`,
    };
  }

  if (host === "vimeo.com" || host === "www.vimeo.com" || host === "player.vimeo.com") {
    const id = host === "player.vimeo.com" ? (parts[0] === "video" ? parts[1] : undefined) : parts[0];
    if (!id || !VIMEO_ID.test(id)) return null;
    return {
      provider: "vimeo",
      embedUrl: `https://player.vimeo.com/video/${id}?dnt=1`,
      watchUrl: `https://vimeo.com/${id}`,
    };
  }

  if (PEERTUBE_HOSTS.includes(host)) {
    let id: string | undefined;
    if (parts[0] === "w" && parts.length === 2) id = parts[1];
    else if (parts[0] === "videos" && (parts[1] === "watch" || parts[1] === "embed") && parts.length === 3) id = parts[2];
    if (!id || !PEERTUBE_ID.test(id)) return null;
    return {
      provider: "peertube",
      embedUrl: `https://${host}/videos/embed/${id}?p2p=0&warningTitle=0`,
      watchUrl: `https://${host}/w/${id}`,
    };
  }
  return null;
}
