import { readdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { env } from "../../app/lib/env.server";
import { DumpError } from "./dump";
import type { Where } from "./endpoint";

/**
 * What the dump, backup and restore commands share: the folder argument, the
 * database to read or write (DATABASE_URL, else the embedded database in
 * DATA_DIR, or --database-url / --data-dir), timing and readable failures.
 */
export function commandLine(usage: string, { replace = false } = {}) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "database-url": { type: "string" },
      "data-dir": { type: "string" },
      ...(replace ? { replace: { type: "boolean" as const } } : {}),
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log(usage);
    process.exit(values.help ? 0 : 2);
  }
  const url = (values["database-url"] as string | undefined) ?? (values["data-dir"] ? undefined : env().DATABASE_URL);
  const where: Where = url ? { url } : { dataDir: (values["data-dir"] as string | undefined) ?? env().DATA_DIR };
  return { dir: path.resolve(positionals[0]!), where, replace: !!values.replace };
}

/** A dump goes into a new or empty folder, never on top of another one. */
export async function assertEmptyFolder(dir: string) {
  const entries = await readdir(dir).catch(() => []);
  if (entries.length) throw new DumpError(`${dir} n'est pas vide : choisissez un nouveau dossier`);
}

export async function run(work: () => Promise<string>) {
  const started = Date.now();
  try {
    const summary = await work();
    console.log(`${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    if (error instanceof DumpError) {
      console.error(`Erreur : ${error.message}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}
