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

export function formatDate(date: Date | string, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }) {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, ...options }).format(new Date(date));
}

export function formatDateTime(date: Date | string, locale: string) {
  return formatDate(date, locale, { dateStyle: "full", timeStyle: "short" });
}

export function formatNumber(value: number, locale: string, options?: Intl.NumberFormatOptions) {
  return new Intl.NumberFormat(intlLocale(locale), options).format(value);
}
