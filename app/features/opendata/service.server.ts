import type { Db } from "../../lib/db.server";
import { publicOrigin } from "../../lib/public-url.server";
import { serverT } from "../../lib/i18n.server";
import { buildCatalogue, datasetFile, DATASETS, type DatasetFile } from "./catalogue";
import type { Publishable } from "./http.server";
import * as q from "./queries.server";
import { nationalCsv, nationalJson, toNationalRecord } from "./relay-spaces";
import { activityAggregateFile } from "./aggregates.server";

export { DATASETS, datasetFile };

async function relaySpacesFile(db: Db, format: "csv" | "json"): Promise<Publishable> {
  const [spaces, last] = await Promise.all([q.listPublishedSpaces(db), q.spacesLastChange(db)]);
  const records = spaces.map(toNationalRecord);
  const lastModified = last ?? new Date(0);
  if (format === "csv") {
    return { body: nationalCsv(records), contentType: "text/csv; charset=utf-8", lastModified, filename: "lieux-mediation-numerique.csv" };
  }
  return {
    body: JSON.stringify(nationalJson(records), null, 1),
    contentType: "application/json; charset=utf-8",
    lastModified,
    filename: "lieux-mediation-numerique.json",
  };
}

/** The bytes of one published file, by its stable name; null when no dataset has that file. */
export async function openDataFile(db: Db, fileName: string): Promise<Publishable | null> {
  const file: DatasetFile | null = datasetFile(fileName);
  if (!file) return null;
  if (file.dataset === "lieux-mediation-numerique") return relaySpacesFile(db, file.format);
  return activityAggregateFile(db, file.dataset, file.format);
}

/** When each dataset last changed, for the page and the catalogue (cheap: no file is rebuilt). */
export async function datasetsLastModified(db: Db): Promise<Record<string, Date>> {
  const out: Record<string, Date> = {};
  for (const dataset of DATASETS) {
    if (dataset.id === "lieux-mediation-numerique") {
      out[dataset.id] = (await q.spacesLastChange(db)) ?? new Date(0);
    } else {
      out[dataset.id] = (await activityAggregateFile(db, dataset.id, "csv")).lastModified;
    }
  }
  return out;
}

/** The public origin for absolute URLs in the catalogue. */
function siteOrigin(_request: Request) {
  return publicOrigin();
}

/** The DCAT catalogue (JSON-LD), dated by its most recently changed dataset. */
export async function openDataCatalogue(db: Db, request: Request): Promise<Publishable> {
  const modified = await datasetsLastModified(db);
  const catalogue = buildCatalogue({ origin: siteOrigin(request), modified, tFr: serverT("fr"), tEn: serverT("en") });
  const last = Math.max(0, ...Object.values(modified).map((d) => d.getTime()));
  return {
    body: JSON.stringify(catalogue, null, 1),
    contentType: "application/ld+json; charset=utf-8",
    lastModified: new Date(last),
    filename: "catalogue.json",
  };
}
