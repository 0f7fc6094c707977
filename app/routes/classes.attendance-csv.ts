import type { Route } from "./+types/classes.attendance-csv";
import { attendanceCsv } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";

/** The attendance table as CSV, in the host's language (their profile keeps the language they chose). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { body, filename } = await attendanceCsv(context.get(dbContext), user, params.id, user.locale);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
