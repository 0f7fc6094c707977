import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One way to do each thing (docs/STYLE.md): every action goes through the
 * action contract, and internal links are built with React Router's typed
 * `href()` — no exception left in app/.
 */

const routeFiles = readdirSync("app/routes").map((f) => path.join("app/routes", f));

/** Endpoints whose request and answer shapes a public spec fixes, not our forms. */
const SPEC_ENDPOINTS: Record<string, string> = {
  "app/routes/api.livekit-webhook.ts": "LiveKit's signed webhook: raw body, verified signature",
  "app/routes/h5p.state.ts": "H5P core's content-user-data protocol ({ success, data })",
  "app/routes/lti.activity-state.ts": "the same H5P content-user-data protocol, inside an LMS launch (decision 048)",
};
/** Actions that read no body at all, so have nothing to parse. */
const BODYLESS_ACTIONS: Record<string, string> = {
  "app/routes/sign-out.ts": "signing out must work whatever was posted: the session ends, nothing is read",
  "app/routes/learner.card.ts": "the form is its button alone; the answer is a PDF, a refusal the error page",
};
const isXapi = (file: string) => /app\/routes\/xapi\./.test(file);

function hasAction(source: string) {
  return /export (async )?function action\b|export const action\b/.test(source);
}

describe("the action contract", () => {
  it("is used by every action (handleForm for forms, handleResourceForm for forms posted to a route with no page, handleJson for JSON endpoints)", () => {
    const offenders = routeFiles.filter((file) => {
      const source = readFileSync(file, "utf8");
      if (!hasAction(source) || isXapi(file) || SPEC_ENDPOINTS[file] || BODYLESS_ACTIONS[file]) return false;
      return !/\bhandle(Form|ResourceForm|Json)\(/.test(source);
    });
    expect(offenders).toEqual([]);
  });
});

function topLevelSegments() {
  const routes = readFileSync("app/routes.ts", "utf8");
  const segments = new Set<string>();
  // Top-level routes are written `  route("segment…` at two spaces of indentation.
  for (const match of routes.matchAll(/^ {2}route\("([^"/:*]+)/gm)) segments.add(match[1]!);
  return [...segments].sort((a, b) => b.length - a.length);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const HARD_CODED_URL = new RegExp(`(?<!href\\()(["'\`])/(${topLevelSegments().map(escape).join("|")})(?=[/"'\`?#.$])`);


describe("internal links", () => {
  it("are built with href() everywhere in app/ (a renamed URL then fails the type check, not a page)", () => {
    const offenders = sourceFiles("app")
      .filter((file) => file !== path.join("app", "routes.ts"))
      .filter((file) => HARD_CODED_URL.test(readFileSync(file, "utf8").replace(/^\s*(\/\/|\*).*$/gm, "")));
    expect(offenders).toEqual([]);
  });
});

describe("the type check", () => {
  it("reads an indexed value as possibly missing (noUncheckedIndexedAccess, issue 18)", () => {
    const tsconfig = JSON.parse(readFileSync("tsconfig.json", "utf8"));
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, noUncheckedIndexedAccess: true });
  });
});
