import { env, isProduction } from "./env.server";
import { logger } from "./logger.server";

/**
 * The one public address of the site, for every link that leaves the page it
 * was made on (password-reset mails, card QR codes, badges, calendar feeds,
 * xAPI IRIs). APP_URL when set; otherwise the address the server listens on.
 * Never the request's Host header: anyone can send `Host: evil.example`, and a
 * reset link built from it would mail a stranger's address to the victim.
 */
export function publicUrl(): string {
  const { APP_URL, HOST, PORT } = env();
  if (APP_URL) return APP_URL.replace(/\/+$/, "");
  return `http://${listenHostForLinks(HOST)}:${PORT}`;
}

/** The public origin only (scheme, host, port), for IRIs and Origin checks. */
export function publicOrigin(): string {
  return new URL(publicUrl()).origin;
}

function listenHostForLinks(host: string) {
  if (host === "0.0.0.0" || host === "::" || host === "") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

/** Said once at start-up: production links on a listen address are rarely what people want. */
export function warnIfPublicUrlIsGuessed() {
  if (isProduction() && !env().APP_URL) {
    logger.warn(
      { publicUrl: publicUrl() },
      "APP_URL is not set: links in mails, cards, badges and calendars will use the listen address. Set APP_URL to the site's public address.",
    );
  }
}
