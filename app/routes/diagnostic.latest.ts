import { href, redirect } from "react-router";
import type { Route } from "./+types/diagnostic.latest";
import { readDiagnosticToken } from "../features/diagnostic/cookie.server";
import { findLatestResultId } from "../features/diagnostic/service.server";
import { dbContext } from "../lib/context";
import { currentUser } from "../lib/session.server";

/** diagnostic/resultat: the latest result of this person or device, else the questions. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const id = await findLatestResultId(context.get(dbContext), currentUser(context), await readDiagnosticToken(request));
  return redirect(id ? href("/diagnostic/resultat/:id", { id }) : href("/diagnostic"));
}
