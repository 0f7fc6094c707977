import type { Route } from "./+types/report.file";
import { reportFile } from "../features/reports/report-jobs.server";
import { dbContext } from "../lib/context";
import { notFound } from "../lib/errors";
import { requireUser } from "../lib/session.server";

/** /rapports/:id/evaluation-<year>.pdf|csv — a finished report's files, for coordinators. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const match = /^evaluation-\d{4}\.(pdf|csv)$/.exec(params.file);
  if (!match) throw notFound();
  const file = await reportFile(context.get(dbContext), actor, params.reportId, match[1] as "pdf" | "csv");
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
