import { createCookie } from "react-router";
import { secureCookies } from "../../lib/env.server";

const DAY = 24 * 60 * 60;
/** How long an anonymous result waits for its visitor to create an account (also its pruning age). */
export const ANONYMOUS_RESULT_DAYS = 30;

/**
 * The anonymous visitor's diagnostic token (random; the database keeps its
 * hash). httpOnly: scripts cannot read it; it only travels back to us.
 */
export const diagnosticCookie = createCookie(secureCookies() ? "__Host-passerelle_diagnostic" : "passerelle_diagnostic", {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
  path: "/",
  maxAge: ANONYMOUS_RESULT_DAYS * DAY,
});

export async function readDiagnosticToken(request: Request): Promise<string | null> {
  const value = await diagnosticCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[a-z2-7]{32}$/.test(value) ? value : null;
}

export const setDiagnosticCookie = (token: string) => diagnosticCookie.serialize(token);
export const clearDiagnosticCookie = () => diagnosticCookie.serialize("", { maxAge: 0 });
