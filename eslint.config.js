import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import passerelle from "./eslint-rules.js";

// Files written before the boundaries were enforced (issue 18). These lists
// only shrink: convert a file, then delete its line.
const BUILDS_QUERIES_OUTSIDE_QUERY_MODULES = [
  "app/features/courses/content-import.server.ts",
  "app/features/courses/personal-data.server.ts",
  "app/features/projects/attachments.server.ts",
  "app/features/projects/cards.server.ts",
  "app/features/projects/classes.server.ts",
  "app/features/projects/consent.server.ts",
  "app/features/projects/export.server.ts",
  "app/features/projects/import.server.ts",
  "app/features/projects/personal-data.server.ts",
  "app/features/projects/projects.server.ts",
  "app/features/projects/retention.server.ts",
  "app/features/projects/submissions.server.ts",
  "app/features/projects/tasks.server.ts",
  "app/features/reports/cache.server.ts",
  "app/features/reports/personal-data.server.ts",
  "app/features/reports/refresh.server.ts",
  "app/features/reports/report-jobs.server.ts",
];
const TOO_LONG = [
  "app/routes/courses.edit.tsx",
  "app/routes/projects.class.tsx",
  "app/routes/projects.project.tsx",
  "app/routes/projects.submission.tsx",
  "app/routes/projects.team.tsx",
];

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
    ignores: ["**/*.test.{ts,tsx}", "**/*seed*.server.ts", ...BUILDS_QUERIES_OUTSIDE_QUERY_MODULES],
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
  { files: TOO_LONG, rules: { "max-lines": "off" } },
);
