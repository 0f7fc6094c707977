import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { H5pDuplicateError } from "../../app/features/h5p/errors";
import { contentFile } from "../../app/features/h5p/files.server";
import { installLibraries, uploadContent } from "../../app/features/h5p/service.server";
import { contentToken } from "../../app/features/h5p/url-token.server";
import { migrateToLatest, openDatabase, type OpenedDatabase } from "../../app/lib/db.server";
import { localStorage as folderStorage } from "../../app/lib/storage.server";
import { demoItems, zip } from "../fixtures/h5p/archives";
import { createUser } from "../helpers/fixtures";

// The new H5P queries on the embedded database (PGlite, PostgreSQL 17): the
// duplicate check under its advisory lock, and the signing key's table.
let opened: OpenedDatabase;
let root: string;

beforeAll(async () => {
  opened = await openDatabase({ memory: true });
  await migrateToLatest(opened.db);
  root = mkdtempSync(path.join(tmpdir(), "passerelle-pglite-h5p-std-"));
}, 120_000);

afterAll(async () => {
  await opened?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("H5P packages on PGlite", () => {
  it("offers the existing activity for the same package, and signs content addresses", async () => {
    const db = opened.db;
    const storage = folderStorage(root);
    const coordinator = await createUser(db, { role: "coordinator" });
    const teacher = await createUser(db, { role: "teacher" });
    await installLibraries(db, coordinator, zip(await demoItems()), { storage });
    const file = zip(await demoItems({ withLibrary: false }));
    const { contentId } = await uploadContent(db, teacher, { file }, { storage });
    const again = await uploadContent(db, teacher, { file }, { storage }).catch((e) => e);
    expect(again).toBeInstanceOf(H5pDuplicateError);
    expect((again as H5pDuplicateError).existing.id).toBe(contentId);
    const token = await contentToken(db, contentId);
    expect((await contentFile(db, { token }, contentId, "content/content.json", storage))?.status).toBe(200);
  });
});
