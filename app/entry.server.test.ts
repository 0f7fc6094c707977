import type { EntryContext } from "react-router";
import { describe, expect, it } from "vitest";
import { withMatchedRoutesOnly } from "./entry.server";

/** The parts of React Router's entry context the function reads: a manifest, route modules, the matches. */
function contextFor(matchedIds: string[], handles: Record<string, unknown> = {}) {
  const ids = ["root", "routes/home", "routes/courses", "routes/course", "routes/lesson-editor", "routes/places"];
  const routes = Object.fromEntries(ids.map((id) => [id, { id, parentId: id === "root" ? undefined : "root", path: id }]));
  return {
    manifest: { version: "v1", url: "/assets/manifest.js", entry: { module: "", imports: [] }, routes },
    routeModules: Object.fromEntries(ids.map((id) => [id, { default: () => null, handle: handles[id] }])),
    staticHandlerContext: { matches: matchedIds.map((id) => ({ route: { id }, params: {}, pathname: "/", pathnameBase: "/" })) },
  } as unknown as EntryContext;
}

describe("withMatchedRoutesOnly", () => {
  it("gives a page without scripts only the routes it matched, leaving the build's manifest as it was", () => {
    const context = contextFor(["root", "routes/course"]);
    const trimmed = withMatchedRoutesOnly(context);
    expect(Object.keys(trimmed.manifest.routes)).toEqual(["root", "routes/course"]);
    expect(trimmed.manifest.routes["routes/course"]).toBe(context.manifest.routes["routes/course"]);
    expect(trimmed.manifest.version).toBe("v1");
    expect(Object.keys(context.manifest.routes)).toHaveLength(6);
  });

  it("keeps every route for a page that hydrates: its scripts send the browser the routes of each parent path", () => {
    const context = contextFor(["root", "routes/lesson-editor"], { "routes/lesson-editor": { hydrate: true } });
    expect(withMatchedRoutesOnly(context)).toBe(context);
  });

  it("keeps the root for a page that matched nothing (the 404 page renders inside it)", () => {
    expect(Object.keys(withMatchedRoutesOnly(contextFor(["root"])).manifest.routes)).toEqual(["root"]);
  });
});
