import { TIME_ZONE } from "../../lib/i18n";

/**
 * Intl formatters are costly to build and immutable once built: the
 * dashboard formats hundreds of numbers per page, so each (locale, options)
 * pair is built once per process. Pure values, not state — nothing here
 * depends on a request or a user.
 */
const numbers = new Map<string, Intl.NumberFormat>();
const dates = new Map<string, Intl.DateTimeFormat>();
const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "fr-FR");

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numbers.get(key);
  if (!f) numbers.set(key, (f = new Intl.NumberFormat(intlLocale(locale), options)));
  return f;
}

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dates.get(key);
  if (!f) dates.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, ...options })));
  return f;
}
