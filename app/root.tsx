import { useEffect } from "react";
import { useTranslation } from "./lib/use-translation";
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { SiteFooter } from "./components/site-footer";
import { SiteHeader } from "./components/site-header";
import { dbContext, nonceContext, requestIdContext } from "./lib/context";
import { readDisplayPrefs } from "./lib/display.server";
import type { AppErrorBody } from "./lib/errors";
import { getLocale, i18nextMiddleware } from "./lib/i18n.server";
import { requestMiddleware } from "./lib/middleware.server";
import { navigationFor } from "./lib/modules.server";
import { unreadNotificationCount } from "./features/notifications/service.server";
import { currentUser } from "./lib/session.server";
import appCss from "./styles/app.css?url";

export const middleware: Route.MiddlewareFunction[] = [requestMiddleware, i18nextMiddleware];

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = currentUser(context);
  const db = context.get(dbContext);
  // Two reads for the signed in, side by side rather than one after the other.
  const [nav, unreadNotifications, display] = await Promise.all([
    navigationFor(db, user),
    unreadNotificationCount(db, user),
    readDisplayPrefs(request, user),
  ]);
  return data({
    locale: getLocale(context),
    user: user ? { id: user.id, firstName: user.first_name, role: user.role } : null,
    nav,
    unreadNotifications,
    display,
    nonce: context.get(nonceContext),
    requestId: context.get(requestIdContext),
  });
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

/** Routes opt into client JavaScript with `handle = { hydrate: true }`; the rest ship none. */
export interface RouteHandle {
  hydrate?: boolean;
  /** Shown inside another site's iframe (LTI launches, decision 048): no site header or footer. */
  embedded?: boolean;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<RootLoaderData>("root");
  const matches = useMatches();
  const hydrate = matches.some((m) => (m.handle as RouteHandle | undefined)?.hydrate);
  const embedded = matches.some((m) => (m.handle as RouteHandle | undefined)?.embedded);
  const classes = [root?.display.largeText && "large-text", root?.display.highContrast && "high-contrast"]
    .filter(Boolean)
    .join(" ");
  return (
    <html lang={root?.locale ?? "fr"} className={classes || undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {embedded ? null : <SiteHeader />}
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
        {embedded ? null : <SiteFooter />}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={root?.nonce} />
            <Scripts nonce={root?.nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  useClientLanguage();
  return <Outlet />;
}

/** On hydrated pages, follow a language switch made without a full reload. */
function useClientLanguage() {
  const { i18n } = useTranslation();
  const locale = useRouteLoaderData<RootLoaderData>("root")?.locale;
  useEffect(() => {
    if (!locale || i18n.language === locale) return;
    void (async () => {
      if (!i18n.hasResourceBundle(locale, "common")) {
        const strings = locale === "en" ? await import("./locales/en/index") : await import("./locales/fr/index");
        for (const [ns, bundle] of Object.entries(strings.default)) i18n.addResourceBundle(locale, ns, bundle);
      }
      await i18n.changeLanguage(locale);
    })();
  }, [locale, i18n]);
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<RootLoaderData>("root");
  let status = 500;
  let message = t("errors:unexpected");
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const body = error.data as Partial<AppErrorBody> | undefined;
    if (body?.messageKey) message = t(body.messageKey, body.values ?? {});
    else if (status === 404) message = t("errors:not_found.page");
    else if (status === 403) message = t("errors:forbidden");
    else if (status < 500) message = t("errors:bad_request");
  }
  const title = status === 404 ? t("errors:title_404") : status === 403 ? t("errors:title_403") : status < 500 ? t("errors:title_4xx") : t("errors:title_500");
  return (
    <div className="page narrow">
      <title>{`${title} — Passerelle`}</title>
      <h1>{title}</h1>
      <p>{message}</p>
      {status >= 500 && root?.requestId ? (
        <p>
          {t("errors:reference")} <code>{root.requestId}</code>
        </p>
      ) : null}
      <p>
        <a href="/">{t("errors:back_home")}</a>
      </p>
    </div>
  );
}
