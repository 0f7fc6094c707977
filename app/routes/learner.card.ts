import { href, redirect } from "react-router";
import type { Route } from "./+types/learner.card";
import { issueAccessCard } from "../features/mediation/access-card.server";
import { renderAccessCard } from "../features/mediation/card-pdf.server";
import { z } from "zod";
import { handleResourceForm } from "../lib/actions.server";
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
  // The form holds only its button; a refused card (409, 403…) is a translated page of the error boundary.
  return handleResourceForm(request, NoFields, async () => {
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
  }, { code: "bad_request", messageKey: "errors:bad_request" });
}

const NoFields = z.object({});
