import { createCookie } from "react-router";
import { secureCookies } from "../../lib/env.server";
import { ANONYMOUS_RESULT_DAYS } from "../diagnostic/cookie.server";

/**
 * The report token of a pre-diagnostic taken without an account, so that it
 * becomes the person's when they sign up or sign in on this device (as the
 * placement diagnostic's result does). httpOnly; the database keeps its hash.
 */
export const businessDiagnosticCookie = createCookie(secureCookies() ? "__Host-passerelle_business" : "passerelle_business", {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
  path: "/",
  maxAge: ANONYMOUS_RESULT_DAYS * 24 * 60 * 60,
});

export async function readBusinessDiagnosticToken(request: Request): Promise<string | null> {
  const value = await businessDiagnosticCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[a-z2-7]{32}$/.test(value) ? value : null;
}

export const setBusinessDiagnosticCookie = (token: string) => businessDiagnosticCookie.serialize(token);
export const clearBusinessDiagnosticCookie = () => businessDiagnosticCookie.serialize("", { maxAge: 0 });
