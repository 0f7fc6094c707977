import type { InitOptions } from "i18next";

export const SUPPORTED_LANGUAGES = ["fr", "en"] as const;
export type Locale = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Locale = "fr";
export const TIME_ZONE = "Europe/Paris";

export function isLocale(value: unknown): value is Locale {
  return SUPPORTED_LANGUAGES.includes(value as Locale);
}

export const i18nOptions: InitOptions = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS: "common",
  interpolation: { escapeValue: false },
  returnNull: false,
};

const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "fr-FR");

/**
 * Intl formatters are costly to build (a page of workshops or a dashboard
 * formats hundreds of values) and immutable once built, so each (locale,
 * options) pair is built once per process. Pure values, not request state.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** Dates and times in Paris time unless the options name another zone. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, ...options })));
  return f;
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(intlLocale(locale), options)));
  return f;
}

export function formatDate(date: Date | string, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  return dateFormat(locale, options).format(new Date(date));
}

export function formatDateTime(date: Date | string, locale: string) {
  return formatDate(date, locale, { dateStyle: "full", timeStyle: "short" });
}

export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions) {
  return numberFormat(locale, options).format(value);
}
