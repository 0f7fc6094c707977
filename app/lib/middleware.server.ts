import { href, type MiddlewareFunction } from "react-router";
import { dbContext, nonceContext, requestIdContext, sessionContext } from "./context";
import { appDatabase } from "./db.server";
import { catchUpAfterWrite } from "./data-version.server";
import { env } from "./env.server";
import { isVisitorPage, tagOfRequest, withValidators } from "./http-cache.server";
import { logger } from "./logger.server";
import { CLIENT_IP_HEADER, REQUEST_ID_HEADER } from "./server-headers";
import {
  clearSessionCookieHeader,
  readSessionToken,
  sessionCookieHeader,
  validateSessionToken,
} from "./session.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Endpoints for machines that authenticate without our cookie (xAPI Basic
 * credentials, LiveKit's signed webhooks): a cross-site form cannot ride a
 * session there, so the Origin check does not apply. The LTI login and
 * launch are cross-site form posts by design, from the LMS, authenticated by
 * a single-use state and a signed ID token (decision 048).
 */
export const ORIGIN_CHECK_EXEMPT = [/^\/xapi(\/|$)/, /^\/api\/livekit\/webhook$/, /^\/lti\/(login|launch)$/];

export function isAllowedOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const hosts = new Set([new URL(request.url).host]);
  // Only a proxy we were told to trust may name the public host; anyone else
  // could send X-Forwarded-Host matching their own Origin.
  const forwarded = env().TRUST_PROXY ? request.headers.get("X-Forwarded-Host") : null;
  if (forwarded) hosts.add(forwarded.split(",")[0]!.trim());
  const appUrl = env().APP_URL;
  if (appUrl) hosts.add(new URL(appUrl).host);
  return hosts.has(originHost);
}

export function clientIp(request: Request): string | null {
  // Set by app/server.ts from the socket (or the proxy when TRUST_PROXY says so).
  return request.headers.get(CLIENT_IP_HEADER);
}

/** The id app/server.ts gave the request (and wrote in its access log); a fresh one under the dev server. */
function requestIdOf(request: Request) {
  return request.headers.get(REQUEST_ID_HEADER) || crypto.randomUUID();
}

/**
 * Pages shown to a signed-in person are theirs alone: nothing between them
 * and us (nor the browser's back button on a shared relay-space PC) keeps a
 * copy. A file for which the route chose its own policy (a public image, an
 * ETag-checked document) keeps it; pages never do.
 */
export function markPrivate(response: Response) {
  const isPage = /text\/html/.test(response.headers.get("Content-Type") ?? "");
  if (!isPage && response.headers.has("Cache-Control")) return;
  response.headers.set("Cache-Control", "private, no-store");
}

/** Request id, nonce, Origin check, database handle and the signed-in session. */
export const requestMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const requestId = requestIdOf(request);
  context.set(requestIdContext, requestId);
  context.set(nonceContext, Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64"));

  const url = new URL(request.url);
  if (!SAFE_METHODS.has(request.method) && !ORIGIN_CHECK_EXEMPT.some((re) => re.test(url.pathname))) {
    if (!isAllowedOrigin(request)) {
      logger.warn({ requestId, path: url.pathname, origin: request.headers.get("Origin") }, "cross-origin request refused");
      return new Response("403 — Requête refusée : elle ne vient pas de ce site. / Request refused: it does not come from this site.", {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8", "X-Request-Id": requestId },
      });
    }
  }

  // Before any loader reads: a page rendered from data newer than its tag is
  // harmless, a tag newer than the data it was rendered from is not.
  const tagBeforeRendering = SAFE_METHODS.has(request.method) ? tagOfRequest(request) : null;
  const { db, kind } = await appDatabase();
  context.set(dbContext, db);

  let setCookie: string | null = null;
  // The health check reads no session: it must say 503 when the database is
  // down, whatever cookie the prober happens to send.
  const token = url.pathname === href("/healthz") ? null : await readSessionToken(request);
  if (token) {
    const session = await validateSessionToken(db, token);
    if (session) {
      context.set(sessionContext, { user: session.user, sessionId: session.sessionId });
      if (session.renewedUntil) setCookie = await sessionCookieHeader(token, session.renewedUntil);
    } else {
      setCookie = await clearSessionCookieHeader();
    }
  }

  const response = await next();
  // PGlite hears its own NOTIFY before the writer's promise resolves; a server's arrives on its own connection.
  if (!SAFE_METHODS.has(request.method) && kind === "postgres") {
    await catchUpAfterWrite(async () => (await db.selectFrom("data_version").select("version").executeTakeFirst())?.version).catch((err: unknown) =>
      logger.warn({ err, requestId }, "data version: not re-read after a write, the notification will bring it"),
    );
  }
  // A route that signed in or out has already set its own cookie.
  if (setCookie && !response.headers.get("Set-Cookie")?.includes("passerelle_session")) {
    response.headers.append("Set-Cookie", setCookie);
  }
  response.headers.set("X-Request-Id", requestId);
  if (context.get(sessionContext)) markPrivate(response);
  else if (isVisitorPage(request, response)) return withValidators(request, response, context.get(nonceContext), tagBeforeRendering);
  return response;
};
