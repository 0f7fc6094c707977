import type { Route } from "./+types/classes.calendar";
import { classCalendar } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { icsResponse } from "../lib/ics.server";
import { requireUser } from "../lib/session.server";

/** classes/<id>.ics: the class as an iCalendar file (cancelled classes as METHOD:CANCEL). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { body, filename } = await classCalendar(context.get(dbContext), user, params.id);
  return icsResponse(body, filename);
}
