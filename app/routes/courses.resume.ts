import { redirect } from "react-router";
import type { Route } from "./+types/courses.resume";
import { resumePath } from "../features/courses/learning.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";

/** /cours/:slug/reprendre — straight to the lesson where the learner left off. */
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return redirect(await resumePath(context.get(dbContext), user, params.slug));
}
