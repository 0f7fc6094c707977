import { href, redirect } from "react-router";
import type { Route } from "./+types/preferences";
import { PreferencesSchema, safeRedirect } from "../features/accounts/schemas";
import { savePreferences } from "../features/accounts/service.server";
import { handleResourceForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { displayCookie, readDisplayPrefs } from "../lib/display.server";
import { localeCookie } from "../lib/i18n.server";
import { currentUser } from "../lib/session.server";

/** Language and display modes: a cookie for everyone, the profile too when signed in. */
export async function action({ request, context }: Route.ActionArgs) {
  const invalid = { code: "bad_preferences", messageKey: "accounts:errors.preferences_invalid" };
  return handleResourceForm(request, PreferencesSchema, async ({ locale, largeText, highContrast, redirectTo }) => {
    const user = currentUser(context);
    const display = await readDisplayPrefs(request, user);
    if (largeText) display.largeText = largeText === "on";
    if (highContrast) display.highContrast = highContrast === "on";
    await savePreferences(context.get(dbContext), user, {
      ...(locale ? { locale } : {}),
      large_text: display.largeText,
      high_contrast: display.highContrast,
    });
    const headers = new Headers();
    if (locale) headers.append("Set-Cookie", await localeCookie.serialize(locale));
    headers.append("Set-Cookie", await displayCookie.serialize(display));
    return redirect(safeRedirect(redirectTo), { headers });
  }, invalid);
}

export function loader() {
  return redirect(href("/compte"));
}
