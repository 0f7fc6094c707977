import type { Route } from "./+types/activity.results-csv";
import { activityResults, resultsCsv } from "../features/h5p/results.server";
import { dbContext } from "../lib/context";
import { getInstance } from "../lib/i18n.server";
import { requireUser } from "../lib/session.server";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { content, rows } = await activityResults(context.get(dbContext), user, params.contentId);
  return new Response(resultsCsv(rows, getInstance(context).t), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="resultats-${content.id}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
