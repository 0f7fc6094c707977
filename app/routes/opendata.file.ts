import type { Route } from "./+types/opendata.file";
import { openDataCatalogue, openDataFile } from "../features/opendata/service.server";
import { publish } from "../features/opendata/http.server";
import { dbContext } from "../lib/context";
import { notFound } from "../lib/errors";

/**
 * /donnees-ouvertes/<file>: the published files and the DCAT catalogue, at
 * stable URLs, public, with ETag / Last-Modified and 304 answers.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  const item = params.file === "catalogue.json" ? await openDataCatalogue(db, request) : await openDataFile(db, params.file);
  if (!item) throw notFound();
  return publish(request, item);
}
