import { createCookie, href } from "react-router";
import { secureCookies } from "../../lib/env.server";
import { LOGIN_TTL_MS, PENDING_TTL_MS } from "./flow.server";

/**
 * Binds a sign-in to the browser that started it (the database keeps only
 * its hash): someone who sends their own provider answer to another person
 * cannot sign that person into the sender's account. SameSite=Lax, because
 * the provider brings the browser back with a top-level GET.
 */
export const oidcBrowserCookie = createCookie("passerelle_oidc", {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
  path: href("/connexion"),
  maxAge: LOGIN_TTL_MS / 1000,
});

/** The identity waiting for « create or link », by a token whose hash is the row's key. */
export const oidcPendingCookie = createCookie("passerelle_oidc_choice", {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
  path: href("/connexion"),
  maxAge: PENDING_TTL_MS / 1000,
});

export async function readCookieToken(cookie: typeof oidcBrowserCookie, request: Request): Promise<string | null> {
  const value = await cookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[a-z2-7]{32}$/.test(value) ? value : null;
}

