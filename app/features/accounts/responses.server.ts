import { href, redirect } from "react-router";
import type { User } from "../../../db/schema/accounts";
import { displayCookie } from "../../lib/display.server";
import { localeCookie } from "../../lib/i18n.server";
import { ABSOLUTE_LIFETIME_MS, clearSessionCookieHeader, sessionCookieHeader, INACTIVITY_TIMEOUT_MS } from "../../lib/session.server";
import { clientIp } from "../../lib/middleware.server";
import type { Db } from "../../lib/db.server";
import { isLocale } from "../../lib/i18n";
import { savePreferences, type RequestMeta } from "./service.server";
import { claimAnonymousDiagnostic } from "../diagnostic/service.server";
import { claimAnonymousBusinessDiagnostic } from "../business-diagnostic/service.server";
import { pupilLanding } from "../projects/classes.server";

export function requestMeta(request: Request): RequestMeta {
  return { ip: clientIp(request), userAgent: request.headers.get("User-Agent") };
}

/**
 * Redirect after sign-in with the new session cookie. Language and display
 * modes: what the visitor chose on this device before signing in wins and is
 * saved to the profile (a senior who just enlarged the text keeps it); on a
 * device with no choice yet, the profile's settings apply.
 */
export async function redirectSignedIn(
  request: Request,
  db: Db,
  to: string,
  token: string,
  user: Pick<User, "id" | "role" | "locale" | "large_text" | "high_contrast">,
  /** Set when the person asked for no page in particular: a pupil then lands on their class. */
  { landing = false }: { landing?: boolean } = {},
) {
  if (landing) {
    const pupil = await pupilLanding(db, user);
    if (pupil) to = "classId" in pupil ? href("/classes-scolaires/:classId", { classId: pupil.classId }) : href("/classes-scolaires");
  }
  const cookies = request.headers.get("Cookie");
  const chosenLocale = await localeCookie.parse(cookies);
  const chosenDisplay = await displayCookie.parse(cookies);
  const locale = isLocale(chosenLocale) ? chosenLocale : user.locale;
  const display =
    chosenDisplay && typeof chosenDisplay === "object"
      ? { largeText: chosenDisplay.largeText === true, highContrast: chosenDisplay.highContrast === true }
      : { largeText: user.large_text, highContrast: user.high_contrast };
  await savePreferences(db, user, { locale, large_text: display.largeText, high_contrast: display.highContrast });

  const headers = new Headers();
  // A diagnostic or business pre-diagnostic taken anonymously on this device becomes this account's.
  await claimAnonymousDiagnostic(request, db, user.id, headers);
  await claimAnonymousBusinessDiagnostic(request, db, user.id, headers);
  const expires = new Date(Date.now() + Math.min(INACTIVITY_TIMEOUT_MS, ABSOLUTE_LIFETIME_MS));
  headers.append("Set-Cookie", await sessionCookieHeader(token, expires));
  headers.append("Set-Cookie", await localeCookie.serialize(locale));
  headers.append("Set-Cookie", await displayCookie.serialize(display));
  return redirect(to, { headers });
}

export async function redirectSignedOut(to: string) {
  return redirect(to, { headers: { "Set-Cookie": await clearSessionCookieHeader() } });
}
