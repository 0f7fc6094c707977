import { createHash, randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { User } from "../../../db/schema/accounts";
import { withRetryingTransaction, type Db, type DbOrTrx } from "../../lib/db.server";
import { forbidden, notFound } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { logger } from "../../lib/logger.server";
import { can } from "../../lib/permissions";
import { env } from "../../lib/env.server";
import { releaseStorage, reserveStorage } from "../../lib/quota.server";
import { fileStorage, type FileStorage } from "../../lib/storage.server";
import { DEFAULT_LIMITS, openArchive, type ArchiveLimits, type OpenedArchive } from "./archive.server";
import { H5pDuplicateError, H5pPackageError } from "./errors";
import { contentTypeOf } from "./mime";
import { checkPackage, libraryKey, type CheckedPackage, type PackageRules } from "./package.server";
import * as q from "./queries.server";

/**
 * H5P packages: checked whole before anything is stored (archive.server.ts,
 * package.server.ts), then written through the storage interface, then
 * recorded in one transaction. Files of a failed install are removed.
 */
export interface StoreOptions {
  storage?: FileStorage;
  limits?: ArchiveLimits;
}

export async function installedLibraryKeys(db: DbOrTrx) {
  const rows = await q.listLibraryVersions(db);
  return new Set(rows.map((r) => libraryKey(r.machine_name, r.major_version, r.minor_version)));
}

async function checkArchive(db: DbOrTrx, file: Uint8Array, rules: Omit<PackageRules, "installed">, limits: ArchiveLimits) {
  const archive = await openArchive(Buffer.from(file.buffer, file.byteOffset, file.byteLength), limits);
  try {
    return await checkPackage(archive, { ...rules, installed: await installedLibraryKeys(db) });
  } finally {
    archive.close();
  }
}

/**
 * What makes two uploads "the same activity": h5p.json and every file under
 * content/, by path and bytes — not the zip around them, which another tool
 * or another export would write differently.
 */
export function contentHash(files: Map<string, Buffer>) {
  const hash = createHash("sha256");
  for (const path of [...files.keys()].sort()) {
    const bytes = files.get(path)!;
    hash.update(`${path}\0${bytes.byteLength}\0`).update(bytes);
  }
  return hash.digest("hex");
}

/**
 * Who an upload is compared with: an author's own activities, or all of
 * them for those who see all (the list they would find it in).
 */
export interface DuplicateRule {
  /** null: compare with every activity. */
  among: string | null;
  allow: boolean;
}

/** Writes what `checked` installs and records it; returns the new content's id, if any. */
export async function storePackage(
  db: Db,
  checked: CheckedPackage,
  {
    storage,
    createdBy,
    installedBy = createdBy,
    title,
    sourceKey,
    duplicates = { among: null, allow: true },
  }: { storage: FileStorage; createdBy: string | null; installedBy?: string | null; title?: string; sourceKey?: string; duplicates?: DuplicateRule },
) {
  const hash = checked.manifest ? contentHash(checked.contentFiles) : null;
  if (hash && !duplicates.allow) await refuseDuplicate(db, hash, duplicates.among);
  // What will be written, counted before anything is: the package's file cap, then the uploader's quota.
  const newLibraries: CheckedPackage["libraries"] = [];
  for (const library of checked.libraries) {
    const { machineName, majorVersion, minorVersion, patchVersion } = library.json;
    const existing = await q.findLibrary(db, machineName, majorVersion, minorVersion);
    if (!existing || existing.patch_version < patchVersion) newLibraries.push(library);
  }
  const fileCount = (checked.manifest ? checked.contentFiles.size : 0) + newLibraries.reduce((n, l) => n + l.files.size, 0);
  const maxFiles = env().H5P_MAX_PACKAGE_FILES;
  if (fileCount > maxFiles) throw new H5pPackageError("too_many_files", { files: fileCount, max: maxFiles });
  const contentId = checked.manifest ? randomUUID() : null;
  let contentBytes = 0;
  for (const b of checked.contentFiles.values()) contentBytes += b.byteLength;
  // The activity counts against its author; libraries are the site's code and count against nobody.
  const reserved = contentId && createdBy ? `h5p/content/${contentId}` : null;
  if (reserved) await reserveStorage(db, { key: reserved, kind: "h5p_content", ownerId: createdBy!, bytes: contentBytes, files: checked.contentFiles.size });

  const written: string[] = [];
  const upgrades: { prefix: string; library: CheckedPackage["libraries"][number] }[] = [];
  try {
    for (const library of newLibraries) {
      const prefix = `h5p/libraries/${library.folder}-${randomBytes(4).toString("hex")}`;
      written.push(prefix);
      for (const [path, bytes] of library.files) await storage.put(`${prefix}/${path}`, bytes, contentTypeOf(path));
      upgrades.push({ prefix, library });
    }
    if (contentId) {
      const prefix = `h5p/content/${contentId}`;
      written.push(prefix);
      for (const [path, bytes] of checked.contentFiles) await storage.put(`${prefix}/${path}`, bytes, contentTypeOf(path));
    }
    const replaced = await withRetryingTransaction(db, async (trx) => {
      const old: string[] = [];
      for (const { prefix, library } of upgrades) {
        const j = library.json;
        const result = await q.upsertLibrary(trx, {
          machineName: j.machineName,
          major: j.majorVersion,
          minor: j.minorVersion,
          patch: j.patchVersion,
          title: j.title,
          runnable: j.runnable === 1 || j.runnable === true,
          json: j,
          storagePrefix: prefix,
          installedBy,
        });
        if (result.replaced) old.push(result.replaced);
      }
      if (checked.manifest && contentId && hash) {
        if (!duplicates.allow) {
          // Two uploads of the same package at once (a double click) are serialised here.
          await sql`select pg_advisory_xact_lock(hashtextextended(${`h5p-content:${hash}`}, 0))`.execute(trx);
          await refuseDuplicate(trx, hash, duplicates.among);
        }
        const m = checked.manifest;
        const main = m.preloadedDependencies.find((d) => d.machineName === m.mainLibrary)!;
        await q.insertContent(trx, {
          id: contentId,
          title: (title?.trim() || m.title).slice(0, 255),
          mainLibrary: `${main.machineName} ${main.majorVersion}.${main.minorVersion}`,
          manifest: m,
          storagePrefix: `h5p/content/${contentId}`,
          fileCount: checked.contentFiles.size,
          totalBytes: contentBytes,
          createdBy,
          sourceKey,
          contentHash: hash,
        });
      }
      return old;
    });
    for (const prefix of replaced) await storage.deletePrefix(prefix).catch((err) => logger.warn({ err, prefix }, "old H5P library files left"));
    return { contentId, installed: upgrades.map((u) => u.library.folder) };
  } catch (error) {
    for (const prefix of written) await storage.deletePrefix(prefix).catch(() => {});
    if (reserved) await releaseStorage(db, reserved);
    throw error;
  }
}

async function refuseDuplicate(db: DbOrTrx, hash: string, among: string | null) {
  const existing = await q.findContentByHash(db, hash, among);
  if (existing) throw new H5pDuplicateError(existing);
}

/**
 * An author's .h5p: an activity using installed libraries (coordinators may
 * bring new ones). The same package again is refused with the existing
 * activity (H5pDuplicateError) unless the author asks for a copy.
 */
export async function uploadContent(
  db: Db,
  actor: User,
  input: { file: Uint8Array; title?: string; allowDuplicate?: boolean },
  options: StoreOptions = {},
) {
  if (!can(actor, "create:h5p_content:own")) throw forbidden();
  const checked = await checkArchive(
    db,
    input.file,
    { mode: "content", mayInstallLibraries: can(actor, "install:h5p_library:any") },
    options.limits ?? DEFAULT_LIMITS,
  );
  if (checked.ignored.length) logger.info({ ignored: checked.ignored.slice(0, 20) }, "H5P package: entries left out as H5P core does");
  const stored = await storePackage(db, checked, {
    storage: options.storage ?? fileStorage(),
    createdBy: actor.id,
    title: input.title,
    duplicates: { among: can(actor, "create:h5p_content:any") ? null : actor.id, allow: input.allowDuplicate === true },
  });
  return { contentId: stored.contentId!, installed: stored.installed, ignored: checked.ignored };
}

/** A coordinator installs the libraries a .h5p carries (its content is not kept). */
export async function installLibraries(db: Db, actor: User, file: Uint8Array, options: StoreOptions = {}) {
  if (!can(actor, "install:h5p_library:any")) throw forbidden();
  const checked = await checkArchive(db, file, { mode: "libraries", mayInstallLibraries: true }, options.limits ?? DEFAULT_LIMITS);
  return storePackage(db, checked, { storage: options.storage ?? fileStorage(), createdBy: actor.id });
}

/** Files given as a map (the project's own content type and demo, from content/h5p/) go through the same checks. */
export function archiveFromFiles(files: Map<string, Buffer>): OpenedArchive {
  return {
    files: new Map([...files].map(([name, bytes]) => [name, { name, size: bytes.byteLength, entry: null as never }])),
    read: async (name) => files.get(name)!,
    close: () => {},
  };
}

export function listLibraries(db: DbOrTrx, actor: User) {
  if (!can(actor, "install:h5p_library:any")) throw forbidden();
  return q.listLibraries(db);
}

/** Authors see their own activities; coordinators see all. */
export function listContents(db: DbOrTrx, actor: User) {
  if (!can(actor, "create:h5p_content:own")) throw forbidden();
  return q.listContents(db, { createdBy: can(actor, "create:h5p_content:any") ? undefined : actor.id });
}

/** The same list, as the lesson editor's picker needs it. */
export async function listContentsForPicker(db: DbOrTrx, actor: User) {
  const rows = await listContents(db, actor);
  return rows.map((r) => ({ id: r.id, title: r.title, type: r.main_library }));
}

/** Activities a teacher may link to from their LMS (issue 21): any signed-in person may play one, so their titles are no secret. */
export async function listLinkableActivities(db: DbOrTrx) {
  const rows = await q.listContents(db, {});
  return rows.map((r) => ({ id: r.id, title: r.title, type: r.main_library }));
}

/** Any signed-in person may play an activity (lessons decide who sees them). */
export async function findPlayableContent(db: DbOrTrx, contentId: string) {
  const content = isUuid(contentId) ? await q.findContent(db, contentId) : undefined;
  if (!content) throw notFound("page");
  return content;
}

export function canSeeResults(actor: User, content: { created_by: string | null }) {
  return can(actor, "read:h5p_results:any") || (can(actor, "read:h5p_results:own") && content.created_by === actor.id);
}
