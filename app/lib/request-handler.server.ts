import { createReadableStreamFromReadable, writeReadableStreamToWritable } from "@react-router/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { createRequestHandler as createRouterHandler, href, type ServerBuild } from "react-router";
import { guardRequestBodies } from "./actions.server";
import { bodyLimitFor, countingStream, formatLimit, type BodyLimit } from "./body-limit.server";
import { env } from "./env.server";
import { localeOfRequest, serverT } from "./i18n.server";
import { logger } from "./logger.server";
import { createAdmission } from "./render-admission.server";
import { isUnreadableAddress } from "./request-guards";
import { requestState } from "./request-state.server";

/**
 * Express → React Router, in place of @react-router/express, for four things
 * that adapter cannot do: refuse an address no person could have typed (400,
 * app/lib/request-guards.ts) and a body a route cannot read (4xx,
 * guardRequestBodies), cap the request body while it streams in (413
 * before React Router buffers it), answer 503 rather than 500 when the
 * database was unreachable, and never fail on a header value Node refuses
 * (a redirect to a path with "é" or a tab in it). Reads (GET, HEAD) also
 * wait their turn past `renderConcurrency` (decision 051); writes and the
 * health check never queue behind them, and an upload never holds a
 * reader's place.
 */
export function createRequestHandler(options: {
  build: ServerBuild;
  bodyLimits: readonly BodyLimit[];
  defaultBodyLimit: BodyLimit;
  renderConcurrency: number;
}) {
  guardRequestBodies();
  const handle = createRouterHandler(options.build, env().NODE_ENV);
  const admission = createAdmission({ limit: options.renderConcurrency, leaseMs: ADMISSION_LEASE_MS });
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      if (isUnreadableAddress(req.originalUrl)) return sendBadAddress(req, res);
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const limit = hasBody ? bodyLimitFor(req.path, options.bodyLimits, options.defaultBodyLimit) : null;
      if (limit && Number(req.get("Content-Length") ?? 0) > limit.bytes) return sendTooLarge(req, res, limit);

      let overflowed = false;
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const request = new Request(requestUrl(req), {
        method: req.method,
        headers: toHeaders(req.headers),
        signal: controller.signal,
        ...(limit
          ? { body: createReadableStreamFromReadable(req.pipe(countingStream(limit, () => (overflowed = true)))), duplex: "half" }
          : {}),
      } as RequestInit);

      const state = { databaseUnavailable: false };
      const waitStarted = performance.now();
      // Writes, uploads and the health check never wait behind the pages.
      const leave = hasBody || req.path === HEALTH_CHECK ? () => {} : await admission.enter(controller.signal);
      if (!leave) return; // the client left while waiting: nobody to answer
      const waitedMs = performance.now() - waitStarted;
      if (waitedMs >= 1) res.locals.queuedMs = Math.round(waitedMs);
      let response: Response;
      try {
        response = await requestState.run(state, () => handle(request));
      } finally {
        leave();
      }
      if (overflowed) {
        await response.body?.cancel();
        return sendTooLarge(req, res, limit!);
      }
      response = await translatedResourceError(req, response);
      if (state.databaseUnavailable && response.status === 500) {
        const headers = new Headers(response.headers);
        headers.set("Retry-After", "5");
        response = new Response(response.body, { status: 503, headers });
      }
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** A read holding its place longer than this is waiting on something else: the next one goes in (decision 051). */
const ADMISSION_LEASE_MS = 250;
const HEALTH_CHECK = href("/healthz");

/** Same rules as @react-router/express: X-Forwarded-Host only when Express trusts the proxy. */
function requestUrl(req: ExpressRequest) {
  const [, forwardedPort] = req.app.enabled("trust proxy") ? (req.get("X-Forwarded-Host")?.split(":") ?? []) : [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p ?? "", 10)).find((p) => Number.isSafeInteger(p));
  const hostname = req.hostname.split(/[\\/?#@]/)[0] || "localhost";
  return `${req.protocol}://${hostname}${port ? `:${port}` : ""}${req.originalUrl}`;
}

function toHeaders(incoming: ExpressRequest["headers"]) {
  const headers = new Headers();
  for (const [key, value] of Object.entries(incoming)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  return headers;
}

async function sendTooLarge(req: ExpressRequest, res: ExpressResponse, limit: BodyLimit) {
  const locale = await localeOfRequest(req.headers.cookie, req.headers["accept-language"]);
  const message = serverT(locale)("errors:too_large", { limit: formatLimit(limit.bytes, locale) });
  logger.warn({ requestId: req.headers["x-passerelle-request-id"], path: req.path, kind: limit.kind, limit: limit.bytes }, "request body too large");
  // Closing the connection is what spares us the rest of the body.
  res.status(413).set({ "Content-Type": "text/plain; charset=utf-8", Connection: "close", "Content-Language": locale });
  res.end(`413 — ${message}\n`);
}

/**
 * An AppError thrown by a resource route (a PDF, a file, a card) reaches the
 * client as React Router's JSON of its i18n key. A browser that asked for a
 * page (a form posted to that route) gets the message itself, translated,
 * with the same status; scripts asking for JSON keep the JSON.
 */
async function translatedResourceError(req: ExpressRequest, response: Response) {
  if (response.status < 400 || response.status >= 500) return response;
  if (!/application\/json/.test(response.headers.get("Content-Type") ?? "") || !/text\/html/.test(req.get("Accept") ?? "")) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { code?: unknown; messageKey?: unknown; values?: Record<string, string | number> } | null;
  if (typeof body?.code !== "string" || typeof body.messageKey !== "string") return response;
  await response.body?.cancel();
  const locale = await localeOfRequest(req.headers.cookie, req.headers["accept-language"]);
  const headers = new Headers(response.headers);
  headers.set("Content-Type", "text/plain; charset=utf-8");
  headers.set("Content-Language", locale);
  headers.delete("Content-Length");
  return new Response(`${response.status} — ${serverT(locale)(body.messageKey, body.values ?? {})}\n`, { status: response.status, headers });
}

async function sendBadAddress(req: ExpressRequest, res: ExpressResponse) {
  const locale = await localeOfRequest(req.headers.cookie, req.headers["accept-language"]);
  res.status(400).set({ "Content-Type": "text/plain; charset=utf-8", "Content-Language": locale, "Cache-Control": "no-store" });
  res.end(`400 — ${serverT(locale)("errors:bad_address")}\n`);
}

/** Header values Node refuses (non-Latin-1, control characters) are percent-encoded, not a 500. */
export function headerSafe(value: string) {
   
  return /[^\x20-\x7e]/.test(value) ? value.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c)) : value;
}

async function sendResponse(res: ExpressResponse, response: Response) {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel();
    return;
  }
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) {
    // entries() joins repeated headers, except Set-Cookie which it yields one by one.
    const write = (v: string) => (key === "set-cookie" ? res.append(key, v) : res.setHeader(key, v));
    try {
      write(value);
    } catch {
      write(headerSafe(value));
    }
  }
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  try {
    await writeReadableStreamToWritable(response.body, res);
  } catch (error) {
    if (res.destroyed || res.writableEnded) return;
    throw error;
  }
}
