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
    const t = serverTranslation(instance, (ns ?? null) as string | readonly string[] | null);
    // The library's shape: both `const [t] = …` and `const { t, i18n } = …`.
    result = Object.assign([t, instance, true], { t, i18n: instance, ready: true });
    results.set(key, result);
  }
  return result;
}

/**
 * Most calls on a page are a bare key (`t("nav.home")`), whose text depends
 * only on the instance, the namespace and the key: nothing changes the
 * resources of a server instance after start. i18next resolves each such
 * call anew (key parsing, fallbacks, interpolation and nesting passes), and
 * its fixed `t` first copies the whole options object: together about a
 * seventh of a visitor page's CPU. Those are kept per instance and namespace
 * (bounded: a key built from a request cannot grow it without end); calls
 * with options go to the instance's `t` with the namespace, as the fixed `t`
 * would, minus its copy.
 */
const PLAIN_KEYS_KEPT = 5000;

export function serverTranslation(instance: i18n, ns: string | readonly string[] | null) {
  const fixed = instance.getFixedT(null, ns as string | null);
  const plain = new Map<string, string>();
  const t = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (options === undefined && rest.length === 0 && typeof key === "string") {
      let text = plain.get(key);
      if (text === undefined) {
        text = String(instance.t(key, { ns } as never));
        if (plain.size < PLAIN_KEYS_KEPT) plain.set(key, text);
      }
      return text;
    }
    if (options && typeof options === "object" && rest.length === 0 && !("keyPrefix" in options)) {
      const o = options as { ns?: unknown };
      return instance.t(key as string, (o.ns ? o : { ...o, ns }) as never);
    }
    return (fixed as unknown as (...args: unknown[]) => unknown)(key, options, ...rest);
  };
  const { lng, ns: fixedNs, keyPrefix } = fixed as unknown as { lng: unknown; ns: unknown; keyPrefix: unknown };
  return Object.assign(t, { lng, ns: fixedNs, keyPrefix }) as unknown as typeof fixed;
}

export const useTranslation: typeof useReactI18next =
  typeof document === "undefined" ? (useServerTranslation as unknown as typeof useReactI18next) : useReactI18next;
