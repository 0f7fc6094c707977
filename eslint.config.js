import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import passerelle from "./eslint-rules.js";

// How the code must read (docs/STYLE.md), enforced: the lint test
// (tests/lint/lint.test.ts) shows each rule failing on a fixture file.
const USE_TRANSLATION = {
  name: "react-i18next",
  importNames: ["useTranslation"],
  message: "Import useTranslation from app/lib/use-translation (decision 032).",
};

export default tseslint.config(
  { ignores: ["build/", "build-*/", "tmp-*/", "test-results/", ".react-router/", "node_modules/", "data/", "public/", "tests/lint/fixtures/"] },
  ...tseslint.configs.recommended,
  {
    plugins: { passerelle },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // Habit 6: no file past ~400 lines; split a growing service by verb group.
      "max-lines": ["error", { max: 400, skipBlankLines: true, skipComments: true }],
      // Habit 1 and the query boundaries (decision 031).
      "passerelle/boundaries": "error",
    },
  },
  {
    // Domain code builds queries only in its queries modules. Demo seeds are
    // fixtures written through Kysely directly; app/lib is the plumbing that
    // owns its own few tables (sessions, throttling, outbox).
    files: ["app/features/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}", "**/*seed*.server.ts"],
    rules: { "passerelle/queries-in-query-modules": "error" },
  },
  {
    // H5P content types are browser libraries in H5P's own ES5 style (`var self = this`
    // inside prototype methods), loaded by the H5P runtime rather than bundled by us.
    files: ["content/h5p/**/*.js", "tests/fixtures/h5p/**/*.js"],
    rules: { "@typescript-eslint/no-this-alias": "off" },
  },
  {
    // Frozen migrations are typed Kysely<any> on purpose: they must not depend on today's schema types.
    files: ["db/migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // One useTranslation: ours spares the server a wrapper and a t() per component (decision 032).
    files: ["app/**"],
    ignores: ["app/lib/use-translation.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [USE_TRANSLATION] }] },
  },
  {
    // Routes talk to services, never to the database, and stay short (habit 1).
    files: ["app/routes/**"],
    rules: {
      "max-lines": ["error", { max: 200, skipBlankLines: true, skipComments: true }],
      "no-restricted-imports": [
        "error",
        {
          paths: [USE_TRANSLATION],
          patterns: [
            { group: ["**/lib/db.server", "**/db/*", "kysely"], message: "Routes call services; queries live in app/features/<domain>/queries modules." },
          ],
        },
      ],
    },
  },
);
