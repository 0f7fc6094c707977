import type { i18n } from "i18next";
import { useContext } from "react";
import { getI18n, I18nContext, useTranslation as useReactI18next } from "react-i18next";

/**
 * react-i18next's `useTranslation`, minus its cost on the server.
 *
 * On each call the hook copies every property of the i18n instance into a
 * wrapper and builds a new `t`; in the browser a ref keeps them between
 * renders, but a server render keeps nothing, so every component of every
 * page paid for both: about a twentieth of a page's CPU (decision 032). On
 * the server the instance never changes language during a render (one per
 * language, app/lib/i18n.server.ts), so one `t` per instance and namespace
 * is built once and reused. In the browser, the library's hook as is: it
 * re-renders when the language changes.
 */
const serverResults = new WeakMap<i18n, Map<string, unknown>>();

function useServerTranslation(ns?: string | readonly string[]) {
  const instance = useContext(I18nContext)?.i18n ?? getI18n();
  let results = serverResults.get(instance);
  if (!results) serverResults.set(instance, (results = new Map()));
  const key = Array.isArray(ns) ? ns.join("|") : String(ns ?? "");
  let result = results.get(key);
  if (!result) {
    const t = instance.getFixedT(null, (ns ?? null) as string | null);
    // The library's shape: both `const [t] = …` and `const { t, i18n } = …`.
    result = Object.assign([t, instance, true], { t, i18n: instance, ready: true });
    results.set(key, result);
  }
  return result;
}

export const useTranslation: typeof useReactI18next =
  typeof document === "undefined" ? (useServerTranslation as unknown as typeof useReactI18next) : useReactI18next;
