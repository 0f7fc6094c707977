import { createInstance, type TFunction } from "i18next";
import { createCookie } from "react-router";
import { createI18nextMiddleware } from "remix-i18next/middleware";
import { resources } from "../locales/resources";
import { DEFAULT_LANGUAGE, i18nOptions, SUPPORTED_LANGUAGES, type Locale } from "./i18n";
import { secureCookies } from "./env.server";

/** The chosen language, remembered for visitors; signed-in users also keep it in their profile. */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  secure: secureCookies(),
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const [i18nextMiddleware, getLocale, getInstance] = createI18nextMiddleware({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: { ...i18nOptions, resources },
});

const fixed = new Map<Locale, TFunction>();

/** A t() for a given language outside a request (emails, PDFs, scripts). */
export function serverT(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    const instance = createInstance({ ...i18nOptions, resources, lng: locale, initAsync: false });
    void instance.init();
    t = instance.t;
    fixed.set(locale, t);
  }
  return t;
}
