// Passerelle's own lint rules: the import boundaries of docs/STYLE.md, which
// path patterns alone cannot express (they depend on which domain a file is in).
import path from "node:path";

const FEATURES = `${path.sep}app${path.sep}features${path.sep}`;
const ROUTES = `${path.sep}app${path.sep}routes${path.sep}`;

/** `courses` for …/app/features/courses/anything; null outside a domain. */
function domainOf(file) {
  const at = file.indexOf(FEATURES);
  if (at < 0) return null;
  return file.slice(at + FEATURES.length).split(path.sep)[0] ?? null;
}

/**
 * A module of Kysely queries: queries.server.ts, x-queries.server.ts, or anything under a
 * domain's queries/ folder. Only the path inside app/features counts: a checkout that
 * itself sits in a folder named `queries` must not turn every file into a queries module.
 */
export function isQueryModule(file) {
  const base = path.basename(file);
  if (/(^|-)queries\.server\.tsx?$/.test(base)) return true;
  const at = file.lastIndexOf(FEATURES);
  return at >= 0 && file.slice(at + FEATURES.length).split(path.sep).slice(1, -1).includes("queries");
}

const boundaries = {
  meta: {
    type: "problem",
    docs: { description: "Routes call services; a domain reads another domain through its service, never its queries." },
    messages: {
      routeImportsQueries: "Routes call services; queries live in app/features/<domain>/queries modules (docs/STYLE.md).",
      foreignQueries: "'{{from}}' reaches into the '{{to}}' domain's queries: call its service (or its exported read function) instead.",
    },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const here = domainOf(file);
    const inRoutes = file.includes(ROUTES);
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        if (typeof source !== "string" || !source.startsWith(".")) return;
        const target = path.resolve(path.dirname(file), source);
        if (!isQueryModule(target + ".ts") && !isQueryModule(target)) return;
        if (inRoutes) return context.report({ node, messageId: "routeImportsQueries" });
        const there = domainOf(target);
        if (here && there && here !== there) context.report({ node, messageId: "foreignQueries", data: { from: here, to: there } });
      },
    };
  },
};

const BUILDER_CALLS = new Set(["selectFrom", "insertInto", "updateTable", "deleteFrom", "replaceInto", "mergeInto"]);

const queriesInQueryModules = {
  meta: {
    type: "problem",
    docs: { description: "Kysely query builders are called only in queries modules." },
    messages: {
      builderOutsideQueries: "`{{name}}` builds a query: move it to this domain's queries module and call it from here (docs/STYLE.md).",
    },
    schema: [],
  },
  create(context) {
    if (isQueryModule(context.filename)) return {};
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === "MemberExpression" && callee.property.type === "Identifier" && BUILDER_CALLS.has(callee.property.name)) {
          context.report({ node, messageId: "builderOutsideQueries", data: { name: callee.property.name } });
        }
      },
    };
  },
};

export default { rules: { boundaries, "queries-in-query-modules": queriesInQueryModules } };
