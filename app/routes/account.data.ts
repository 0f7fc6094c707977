import type { Route } from "./+types/account.data";
import { exportPersonalData } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";

/** "Download my data": one JSON file with everything kept about the signed-in user. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const data = await exportPersonalData(context.get(dbContext), user);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="passerelle-mes-donnees.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
