import type { Route } from "./+types/lti.configuration";
import { toolConfiguration } from "../features/lti/configuration.server";

/** The tool's addresses as JSON, for an administrator (or a script) configuring an LMS. */
export async function loader(_: Route.LoaderArgs) {
  return Response.json(toolConfiguration(), { headers: { "Cache-Control": "public, max-age=300" } });
}
