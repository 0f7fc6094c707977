import type { Route } from "./+types/appointment.ics";
import { getAppointmentIcs } from "../features/appointments/service.server";
import { dbContext } from "../lib/context";
import { icsResponse } from "../lib/ics.server";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { body, filename } = await getAppointmentIcs(context.get(dbContext), requireUser(context, request), params.id);
  return icsResponse(body, filename);
}
