import { redirect } from "react-router";
import type { User } from "../../../db/schema/accounts";
import { displayCookie } from "../../lib/display.server";
import { localeCookie } from "../../lib/i18n.server";
import { ABSOLUTE_LIFETIME_MS, clearSessionCookieHeader, sessionCookieHeader, INACTIVITY_TIMEOUT_MS } from "../../lib/session.server";
import { clientIp } from "../../lib/middleware.server";
import type { RequestMeta } from "./service.server";

export function requestMeta(request: Request): RequestMeta {
  return { ip: clientIp(request), userAgent: request.headers.get("User-Agent") };
}

/**
 * Redirect after sign-in: the new session cookie, and the user's saved
 * language and display modes so the next page already uses them.
 */
export async function redirectSignedIn(to: string, token: string, user: Pick<User, "locale" | "large_text" | "high_contrast">) {
  const headers = new Headers();
  const expires = new Date(Date.now() + Math.min(INACTIVITY_TIMEOUT_MS, ABSOLUTE_LIFETIME_MS));
  headers.append("Set-Cookie", await sessionCookieHeader(token, expires));
  headers.append("Set-Cookie", await localeCookie.serialize(user.locale));
  headers.append(
    "Set-Cookie",
    await displayCookie.serialize({ largeText: user.large_text, highContrast: user.high_contrast }),
  );
  return redirect(to, { headers });
}

export async function redirectSignedOut(to: string) {
  return redirect(to, { headers: { "Set-Cookie": await clearSessionCookieHeader() } });
}
