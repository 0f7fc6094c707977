import { redirect } from "react-router";
import type { Route } from "./+types/preferences";
import { PreferencesSchema, safeRedirect } from "../features/accounts/schemas";
import { savePreferences } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { displayCookie, readDisplayPrefs } from "../lib/display.server";
import { appError } from "../lib/errors";
import { localeCookie } from "../lib/i18n.server";
import { currentUser } from "../lib/session.server";

/** Language and display modes: a cookie for everyone, the profile too when signed in. */
export async function action({ request, context }: Route.ActionArgs) {
  const form = Object.fromEntries(await request.formData());
  const parsed = PreferencesSchema.safeParse(form);
  if (!parsed.success) throw appError(400, "bad_preferences", "accounts:errors.preferences_invalid");
  const { locale, largeText, highContrast, redirectTo } = parsed.data;
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
}

export function loader() {
  return redirect("/compte");
}
