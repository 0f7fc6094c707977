import type { Route } from "./+types/classes.attendance-csv";
import { attendanceCsv } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { getLocale } from "../lib/i18n.server";
import { isLocale } from "../lib/i18n";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const locale = getLocale(context);
  const { body, filename } = await attendanceCsv(context.get(dbContext), user, params.id, isLocale(locale) ? locale : "fr");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
