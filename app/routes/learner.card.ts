import { href, redirect } from "react-router";
import type { Route } from "./+types/learner.card";
import { issueAccessCard } from "../features/mediation/access-card.server";
import { renderAccessCard } from "../features/mediation/card-pdf.server";
import { dbContext } from "../lib/context";
import { publicUrl } from "../lib/public-url.server";
import { requireUser } from "../lib/session.server";
import { safeRedirect } from "../lib/safe-redirect";

export function loader({ params }: Route.LoaderArgs) {
  // A card is made by a POST only: each one carries a fresh code.
  return redirect(safeRedirect(href("/accompagnement/personnes/:id", { id: params.id })));
}

/** Issues a new card (the previous one stops working) and sends its PDF. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const { code, learner } = await issueAccessCard(context.get(dbContext), actor, params.id);
  const pdf = await renderAccessCard({
    firstName: learner.first_name,
    code,
    siteUrl: publicUrl(),
    locale: learner.locale,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="carte-acces-${learner.first_name.normalize("NFD").replace(/[^a-zA-Z0-9]/g, "") || "passerelle"}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}
