// npm test — the whole check, as CI runs it: types, lint, unit + integration
// tests on real Postgres, a production build, then the browser tests in
// Chromium against that build. Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const results = "test-results";
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let failedSteps = [];
function step(name, command, args) {
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (status !== 0) failedSteps.push(name);
  return status === 0;
}
const npx = (args) => ["npx", args];

step("typecheck", ...npx(["--no-install", "react-router", "typegen"]));
step("typecheck", ...npx(["--no-install", "tsc"]));
step("lint", ...npx(["--no-install", "eslint", "."]));
step("unit and integration tests", ...npx([
  "--no-install", "vitest", "run", "--project", "unit", "--project", "integration",
  "--reporter=default", "--reporter=json", `--outputFile.json=${results}/unit.json`,
]));
const built = step("build", ...npx(["--no-install", "react-router", "build"])) && step("build", "node", ["scripts/source-archive.js"]);
if (built) {
  step("browser tests", ...npx([
    "--no-install", "vitest", "run", "--project", "e2e",
    "--reporter=default", "--reporter=json", `--outputFile.json=${results}/e2e.json`,
  ]));
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of ["unit.json", "e2e.json"]) {
  const path = `${results}/${file}`;
  if (!existsSync(path)) continue;
  const report = JSON.parse(readFileSync(path, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
failedSteps = [...new Set(failedSteps)];
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(", ")}`);
// A step that failed without failing a test (types, lint, build) still counts as a failure.
if (failedSteps.length && failed === 0) failed = failedSteps.length;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failedSteps.length ? 1 : 0);
