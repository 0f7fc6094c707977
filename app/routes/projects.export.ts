import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Route } from "./+types/projects.export";
import { ExportDocument } from "../features/projects/components/export-document";
import { getProjectExport } from "../features/projects/export.server";
import { dbContext } from "../lib/context";
import { isLocale } from "../lib/i18n";
import { getLocale, serverT } from "../lib/i18n.server";
import { requireUser } from "../lib/session.server";

/** The project as one HTML file (teachers only), to view or to download with ?telecharger=1. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const exported = await getProjectExport(context.get(dbContext), user, params.projectId);
  const lang = getLocale(context);
  const locale = isLocale(lang) ? lang : "fr";
  const html = `<!doctype html>${renderToStaticMarkup(createElement(ExportDocument, { data: exported, t: serverT(locale), locale }))}`;
  const slug = exported.title.normalize("NFD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase().slice(0, 60) || "projet";
  const download = new URL(request.url).searchParams.has("telecharger");
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `${download ? "attachment" : "inline"}; filename="${slug}.html"`,
      // Static, sanitised HTML: no script may run in it, inline or not.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
      "Cache-Control": "private, no-store",
    },
  });
}
