import { Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { ServerRouter, type EntryContext, type HandleErrorFunction, type RouterContextProvider } from "react-router";
import { nonceContext, requestIdContext } from "./lib/context";
import type { RouteHandle } from "./root";
import { contentSecurityPolicy, embeddersContext } from "./lib/csp.server";
import { isAppError } from "./lib/errors";
import { getInstance } from "./lib/i18n.server";
import { logger } from "./lib/logger.server";
import "./modules.server";

export const streamTimeout = 5_000;

/**
 * The whole page is rendered, then sent in one piece with its length. Pages
 * have no deferred data (loaders finish before rendering), so streaming
 * bought nothing but many small writes through web streams, compression and
 * the socket: about a tenth of a page's CPU (decision 032).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  const nonce = loadContext.get(nonceContext);
  const i18n = getInstance(loadContext);

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    sink.on("finish", () => {
      clearTimeout(timer);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      const embedders = loadContext.get(embeddersContext);
      responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", ...embedders }));
      resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <ServerRouter context={withMatchedRoutesOnly(routerContext)} url={request.url} nonce={nonce} />
      </I18nextProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(sink);
        },
        onShellError: reject,
        onError(error: unknown) {
          // Before the shell, the page itself failed; after, a part of it
          // falls back to rendering in the browser, as when it streamed.
          if (!shellRendered) responseStatusCode = 500;
          else logger.error({ err: error }, "render error");
        },
      },
    );
    const timer = setTimeout(abort, streamTimeout + 1000);
  });
}

/**
 * React Router's `ServerRouter` rebuilds a route object and its element for
 * every route of the app on every request (185 here), then converts them all
 * again for its static router, although a static rendering only ever renders
 * the routes the URL matched: a third of a page's framework time (decision
 * 051). A page that loads no script is given only its matched routes. A page
 * that hydrates keeps them all: its `<Scripts>` sends the browser the routes
 * of every parent path, found by matching against the whole tree.
 */
export function withMatchedRoutesOnly(context: EntryContext): EntryContext {
  const { matches } = context.staticHandlerContext;
  if (matches.some((m) => (context.routeModules[m.route.id]?.handle as RouteHandle | undefined)?.hydrate)) return context;
  const routes: EntryContext["manifest"]["routes"] = {};
  for (const { route } of matches) routes[route.id] = context.manifest.routes[route.id];
  return { ...context, manifest: { ...context.manifest, routes } };
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted || isAppError(error)) return;
  let requestId = "-";
  try {
    requestId = (context as RouterContextProvider).get(requestIdContext);
  } catch {
    // no context (error before the middleware ran)
  }
  logger.error({ err: error, requestId, url: request.url, method: request.method }, "unexpected error");
};
