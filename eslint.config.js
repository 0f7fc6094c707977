import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "build-*/", "tmp-*/", "test-results/", ".react-router/", "node_modules/", "data/", "public/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
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
    // Routes talk to services, never to the database (STYLE.md, habit 1).
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/lib/db.server", "**/db/*", "kysely", "**/queries.server"], message: "Routes call services; queries live in app/features/*/queries.server.ts." },
          ],
        },
      ],
    },
  },
);
