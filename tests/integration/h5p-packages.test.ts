import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { H5pDuplicateError, H5pPackageError } from "../../app/features/h5p/errors";
import { contentFile, libraryFile } from "../../app/features/h5p/files.server";
import { CONTENT_EXTENSIONS, H5P_CORE_LIBRARY_EXTRAS, H5P_CORE_WHITELIST, LIBRARY_EXTENSIONS } from "../../app/features/h5p/package.server";
import { installLibraries, uploadContent } from "../../app/features/h5p/service.server";
import { CONTENT_TOKEN_HOURS, contentToken, isValidContentToken } from "../../app/features/h5p/url-token.server";
import type { Db } from "../../app/lib/db.server";
import { localStorage as folderStorage, type FileStorage } from "../../app/lib/storage.server";
import { demoItems, FIXTURE_LIBRARIES, fixtureContent, fixtureLibrary, fixturePackage, formatsPackage, zip } from "../fixtures/h5p/archives";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

let db: Db;
let root: string;
let storage: FileStorage;
let coordinator: User;
let teacher: User;

beforeAll(async () => {
  db = await testDb();
  root = mkdtempSync(path.join(tmpdir(), "passerelle-h5p-packages-"));
  storage = folderStorage(root);
  coordinator = await createUser(db, { role: "coordinator" });
  teacher = await createUser(db, { role: "teacher" });
  await installLibraries(db, coordinator, zip(await demoItems()), { storage });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof H5pPackageError) return error.code;
    throw error;
  }
  return "accepted";
}

describe("loose files, as H5P core treats them", () => {
  it("leaves out a loose file at the package root (H5P_CONTENT_HERE.txt) and plays the rest", async () => {
    const archive = zip([...(await demoItems({ withLibrary: false })), { name: "H5P_CONTENT_HERE.txt", data: "Put your content here" }, { name: "LISEZMOI.pdf", data: "%PDF-" }]);
    const { contentId, ignored } = await uploadContent(db, teacher, { file: archive, allowDuplicate: true }, { storage });
    expect(ignored.sort()).toEqual(["H5P_CONTENT_HERE.txt", "LISEZMOI.pdf"]);
    expect(await storage.get(`h5p/content/${contentId}/H5P_CONTENT_HERE.txt`)).toBeNull();
    expect(await storage.get(`h5p/content/${contentId}/content/content.json`)).not.toBeNull();
    const row = await db.selectFrom("h5p_content").select("file_count").where("id", "=", contentId).executeTakeFirstOrThrow();
    expect(row.file_count).toBe(2);
  });

  it("skips files and folders whose name starts with a dot or an underscore, as core does", async () => {
    const archive = zip([
      ...(await demoItems({ withLibrary: false })),
      { name: "__MACOSX/content/._content.json", data: "x" },
      { name: "content/_brouillon.exe", data: "MZ" },
      { name: "content/.cache/evil.html", data: "<script>" },
    ]);
    const { contentId } = await uploadContent(db, teacher, { file: archive, allowDuplicate: true }, { storage });
    const row = await db.selectFrom("h5p_content").select("file_count").where("id", "=", contentId).executeTakeFirstOrThrow();
    expect(row.file_count).toBe(2);
  });

  it("leaves out an author's stray folder, but refuses it from someone installing libraries", async () => {
    const stray = { name: "docs/notes.txt", data: "notes" };
    const { ignored } = await uploadContent(db, teacher, { file: zip([...(await demoItems({ withLibrary: false })), stray]), allowDuplicate: true }, { storage });
    expect(ignored).toEqual(["docs/notes.txt"]);
    expect(await rejection(uploadContent(db, coordinator, { file: zip([...(await demoItems({ withLibrary: false })), stray]), allowDuplicate: true }, { storage }))).toBe(
      "unexpected_file",
    );
  });

  it("keeps every safety check on what it leaves out", async () => {
    const withRoot = async (name: string, extra: object = {}) => zip([...(await demoItems({ withLibrary: false })), { name, data: "x", ...extra }]);
    expect(await rejection(uploadContent(db, teacher, { file: await withRoot("../H5P_CONTENT_HERE.txt") }, { storage }))).toBe("path_traversal");
    expect(await rejection(uploadContent(db, teacher, { file: await withRoot("H5P_CONTENT_HERE.txt", { mode: 0o120777 }) }, { storage }))).toBe("symlink");
    expect(await rejection(uploadContent(db, teacher, { file: await withRoot("_x/../../evil.txt") }, { storage }))).toBe("path_traversal");
  });
});

describe("H5P core's whitelist of file types", () => {
  it("is core's default list word for word, with js and css for libraries", () => {
    expect(H5P_CORE_WHITELIST.join(" ")).toBe(
      "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp xml csv diff patch swf md textile vtt webvtt gltf glb",
    );
    expect(H5P_CORE_LIBRARY_EXTRAS).toEqual(["js", "css"]);
    for (const ext of H5P_CORE_WHITELIST) expect(CONTENT_EXTENSIONS.has(ext) && LIBRARY_EXTENSIONS.has(ext), ext).toBe(true);
  });

  it("installs a library and a content with one file of each allowed extension, and serves each safely", async () => {
    const archive = formatsPackage(CONTENT_EXTENSIONS, LIBRARY_EXTENSIONS);
    const { contentId, installed } = await uploadContent(db, coordinator, { file: archive }, { storage });
    expect(installed).toEqual(FIXTURE_LIBRARIES.formats);
    const token = await contentToken(db, contentId);
    const downloads = new Set(["tif", "tiff", "rtf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "swf", "gltf", "glb"]);
    for (const ext of LIBRARY_EXTENSIONS) {
      const response = (await libraryFile(db, "H5P.PasserelleFormats-1.0", `files/sample.${ext}`, storage))!;
      expect(response, ext).not.toBeNull();
      expect(response.headers.get("Content-Security-Policy"), ext).toMatch(/sandbox$/);
      expect(response.headers.get("Content-Disposition"), ext).toBe(downloads.has(ext) ? `attachment; filename="sample.${ext}"` : null);
    }
    for (const ext of [...CONTENT_EXTENSIONS].filter((e) => e !== "json")) {
      const response = (await contentFile(db, { token }, contentId, `content/files/sample.${ext}`, storage))!;
      expect(response, ext).not.toBeNull();
      expect(response.headers.get("Content-Security-Policy"), ext).toMatch(/sandbox$/);
      expect(response.headers.get("Content-Disposition") !== null, ext).toBe(downloads.has(ext));
    }
    const types = async (ext: string) => (await libraryFile(db, "H5P.PasserelleFormats-1.0", `files/sample.${ext}`, storage))!.headers.get("Content-Type");
    expect(await types("xml")).toBe("text/plain; charset=utf-8");
    expect(await types("svg")).toBe("image/svg+xml");
    expect(await types("swf")).toBe("application/x-shockwave-flash");
    expect(await types("js")).toMatch(/^text\/javascript/);
  });

  it("still refuses what is not on the list, in libraries and in content", async () => {
    for (const ext of ["html", "htm", "php", "exe", "sh", "xhtml", "phtml"]) {
      const inLibrary = formatsPackage([], [ext], { title: `refus ${ext}` });
      expect(await rejection(installLibraries(db, coordinator, inLibrary, { storage })), ext).toBe("forbidden_library_file");
      const inContent = zip([...(await demoItems({ withLibrary: false })), { name: `content/page.${ext}`, data: "x" }]);
      expect(await rejection(uploadContent(db, teacher, { file: inContent }, { storage })), ext).toBe("forbidden_content_file");
    }
    const js = zip([...(await demoItems({ withLibrary: false })), { name: "content/evil.js", data: "alert(1)" }]);
    expect(await rejection(uploadContent(db, teacher, { file: js }, { storage }))).toBe("forbidden_content_file");
  });
});

describe("the same activity uploaded twice", () => {
  it("offers the existing activity instead of a second one, unless the author asks for a copy", async () => {
    const author = await createUser(db, { role: "teacher" });
    const first = await uploadContent(db, author, { file: fixturePackage("gabarit"), title: "Le cadenas" }, { storage }).catch((e) => e);
    // The libraries are not installed yet: only a coordinator may bring them.
    expect(first).toBeInstanceOf(H5pPackageError);
    await installLibraries(db, coordinator, fixturePackage("gabarit", FIXTURE_LIBRARIES.gabarit), { storage });
    const { contentId } = await uploadContent(db, author, { file: fixturePackage("gabarit"), title: "Le cadenas" }, { storage });
    const again = await uploadContent(db, author, { file: fixturePackage("gabarit") }, { storage }).catch((e) => e);
    expect(again).toBeInstanceOf(H5pDuplicateError);
    expect((again as H5pDuplicateError).existing).toMatchObject({ id: contentId, title: "Le cadenas" });
    // Re-zipped without compression and with an installed library's folder: still the same activity.
    const rezipped = zip([...fixtureContent("gabarit").map((i) => ({ ...i, level: 0 as const })), ...fixtureLibrary("Passerelle.Gabarit-1.0")]);
    expect(await uploadContent(db, author, { file: rezipped }, { storage }).catch((e) => e)).toBeInstanceOf(H5pDuplicateError);
    const copy = await uploadContent(db, author, { file: fixturePackage("gabarit"), allowDuplicate: true }, { storage });
    expect(copy.contentId).not.toBe(contentId);
    // Another author's list does not hold the first one: theirs is created.
    const other = await createUser(db, { role: "teacher" });
    expect((await uploadContent(db, other, { file: fixturePackage("gabarit") }, { storage })).contentId).not.toBe(contentId);
    // A coordinator sees every activity, so is offered the first.
    expect(await uploadContent(db, coordinator, { file: fixturePackage("gabarit") }, { storage }).catch((e) => e)).toBeInstanceOf(H5pDuplicateError);
  });

  it("creates one activity when the same package arrives twice at once (a double click)", async () => {
    const author = await createUser(db, { role: "teacher" });
    const file = zip((await demoItems({ withLibrary: false })).map((i) => (i.name === "h5p.json" ? { ...i, data: JSON.stringify({ ...JSON.parse(Buffer.from(i.data).toString()), title: `Double ${author.id}` }) } : i)));
    const folders = () => readdirSync(path.join(root, "h5p/content")).length;
    const before = folders();
    const outcomes = await Promise.allSettled([uploadContent(db, author, { file }, { storage }), uploadContent(db, author, { file }, { storage })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(H5pDuplicateError);
    const rows = await db.selectFrom("h5p_content").select("id").where("created_by", "=", author.id).execute();
    expect(rows).toHaveLength(1);
    // The second upload's files were removed.
    expect(folders()).toBe(before + 1);
  });
});

describe("the signed addresses of content files", () => {
  it("opens one content's files for a few hours, to anyone holding the address, and nothing else", async () => {
    const { contentId } = await uploadContent(db, teacher, { file: zip(await demoItems({ withLibrary: false })), allowDuplicate: true }, { storage });
    const { contentId: other } = await uploadContent(db, teacher, { file: zip(await demoItems({ withLibrary: false })), allowDuplicate: true }, { storage });
    // Ten minutes into the current hour: tokens are bucketed by the hour, so "a minute later" must not cross one.
    const now = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 10 * 60_000;
    const token = await contentToken(db, contentId, now);
    expect(await contentToken(db, contentId, now + 60_000)).toBe(token);
    expect(await isValidContentToken(db, contentId, token, now)).toBe(true);
    expect(await isValidContentToken(db, other, token, now)).toBe(false);
    expect(await isValidContentToken(db, contentId, token, now + (CONTENT_TOKEN_HOURS + 1) * 3600_000)).toBe(false);
    const [expires, signature] = token.split("-", 2) as [string, string];
    expect(await isValidContentToken(db, contentId, `${Number(expires) + 3600}-${token.slice(expires.length + 1)}`, now)).toBe(false);
    expect(await isValidContentToken(db, contentId, `${expires}-${signature.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`, now)).toBe(false);

    const file = (await contentFile(db, { token }, contentId, "content/content.json", storage))!;
    expect(file.status).toBe(200);
    expect(file.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(file.headers.get("Cross-Origin-Resource-Policy")).toBe("cross-origin");
    expect(await contentFile(db, { token }, other, "content/content.json", storage)).toBeNull();
    expect(await contentFile(db, { token: "1700000000-nope" }, contentId, "content/content.json", storage)).toBeNull();
    // Through the session, the file stays for this origin only.
    const bySession = (await contentFile(db, { user: teacher }, contentId, "content/content.json", storage))!;
    expect(bySession.headers.get("Access-Control-Allow-Origin")).toBeNull();
    expect(bySession.headers.get("Cross-Origin-Resource-Policy")).toBe("same-origin");
    expect(await contentFile(db, { user: null }, contentId, "content/content.json", storage)).toBeNull();
  });
});
