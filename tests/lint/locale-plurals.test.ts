import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Counts are written with i18next's plural forms (`key_one` / `key_other`),
 * never with "(s)": « 1 inscrit », « 2 inscrits », « 0 étape faite ». The
 * scan reads every French and English string and finds three faults:
 *
 * - "(s)" (or "(es)", "(x)") standing for a plural;
 * - `{{count}}` in a string that is not a plural form (i18next only picks a
 *   form for keys with `_one` / `_other`);
 * - a number placed before a plural noun (`{{seats}} places`) in a string that
 *   is not a plural form: the count is there but no rule chooses the noun.
 *
 * Plural sets are checked too: a `_one` without its `_other` (or the reverse).
 */

const LOCALES = ["fr", "en"] as const;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Placeholders that never hold a count (names, dates, titles…). */
const NOT_A_COUNT = new Set([
  "title", "name", "names", "date", "when", "from", "to", "until", "site", "label", "value", "module", "path", "team", "teacher",
  "pupil", "publisher", "series", "search", "version", "year", "milestone", "course", "className", "space", "place", "where",
  "previousFrom", "previousTo", "link", "what", "level", "role", "email", "file", "type", "reason", "code", "status", "day", "time",
  "sha2", "inviter",
]);

/**
 * Strings whose number is a limit fixed in the code, always more than one, so
 * the noun is always plural. Each entry says where the number comes from.
 */
const FIXED_NUMBERS: Record<string, string> = {
  "accounts:reset_mail.body": "RESET_TOKEN_TTL_MS, 60 minutes",
  "admin:invite_mail.body": "an invitation's lifetime, 3 days",
  "courses:trash.intro": "the trash keeps 30 days",
  "courses:trash.confirm.module.restore": "the trash keeps 30 days",
  "courses:trash.confirm.lesson.restore": "the trash keeps 30 days",
  "projects:class.archive_explain": "archive retention in days",
  "projects:files.deleted_hint": "attachment trash in days",
  "projects:import.explain": "the import's row limit",
  "projects:errors.too_many_files": "MAX_FILES_PER_TEAM",
  "projects:project.choose_team": "a team's size limit (2 or more)",
  "h5p:rejections.too_many_files": "the package's file count, past the limit",
  "reports:report.download_pdf": "a yearly report's page count",
  "xapi:errors.batch_too_large": "the batch limit",
  "xapi:errors.document_too_large": "the document size limit in bytes",
};

/** Words ending in s or x that are no plural noun. */
const NOT_A_NOUN = new Set(["sur", "sous", "dans", "vous", "nous", "les", "des", "mes", "ses", "tes", "ces", "pas", "plus", "moins", "après", "is", "has", "was", "does", "matches", "as"]);

export function flatten(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([key, value]) => flatten(value, prefix ? `${prefix}.${key}` : key));
  }
  return [];
}

export function pluralFaults(strings: [string, string][]): string[] {
  const faults: string[] = [];
  const keys = new Set(strings.map(([key]) => key));
  for (const [key, text] of strings) {
    const plural = PLURAL_SUFFIX.test(key);
    if (/\((s|es|x)\)/i.test(text)) faults.push(`${key}: "(s)" in « ${text} »`);
    if (!plural && /\{\{\s*count\s*[,}]/.test(text)) faults.push(`${key}: {{count}} without _one/_other`);
    if (!plural) {
      for (const m of text.matchAll(/\{\{\s*(\w+)\s*\}\}\s+(\p{L}+)/gu)) {
        const [, name, word] = m as unknown as [string, string, string];
        if (NOT_A_COUNT.has(name) || name === "count") continue;
        if (/^\p{L}{2,}[sx]$/u.test(word) && !NOT_A_NOUN.has(word.toLowerCase())) {
          faults.push(`${key}: « {{${name}}} ${word} » counts without plural forms`);
        }
      }
    }
    if (plural) {
      const base = key.replace(PLURAL_SUFFIX, "");
      if (key.endsWith("_one") && !keys.has(`${base}_other`)) faults.push(`${key}: no ${base}_other`);
      if (key.endsWith("_other") && !keys.has(`${base}_one`)) faults.push(`${key}: no ${base}_one`);
    }
  }
  return faults;
}

describe("plurals in the French and English strings", () => {
  for (const locale of LOCALES) {
    it(`${locale}: no "(s)", every count under plural forms`, () => {
      const dir = path.join("app/locales", locale);
      const faults = readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .flatMap((file) => {
          const ns = file.replace(/\.json$/, "");
          return pluralFaults(flatten(JSON.parse(readFileSync(path.join(dir, file), "utf8")))).map((f) => `${ns}:${f}`);
        })
        .filter((fault) => !(fault.includes("counts without plural forms") && fault.split(":").slice(0, 2).join(":") in FIXED_NUMBERS));
      expect(faults).toEqual([]);
    });
  }

  it("finds each kind of fault (the scan itself can fail)", () => {
    expect(
      pluralFaults([
        ["a", "{{created}} élève(s) créé(s)"],
        ["b", "{{count}} inscrits"],
        ["c", "{{seats}} places"],
        ["d_one", "{{count}} étape faite"],
        ["e_other", "{{count}} inscrits"],
        ["ok_one", "{{count}} inscrit"],
        ["ok_other", "{{count}} inscrits"],
        ["fine", "Bonjour {{name}}, sur {{title}} vous avez"],
      ]).map((f) => f.split(":")[0]),
    ).toEqual(["a", "b", "c", "d_one", "e_other"]);
  });
});
