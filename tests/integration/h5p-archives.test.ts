import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { H5pPackageError } from "../../app/features/h5p/errors";
import { libraryFile } from "../../app/features/h5p/files.server";
import { installLibraries, uploadContent } from "../../app/features/h5p/service.server";
import type { Db } from "../../app/lib/db.server";
import { serverT } from "../../app/lib/i18n.server";
import { localStorage as folderStorage, type FileStorage } from "../../app/lib/storage.server";
import { declareSize, demoItems, h5pOrgLikePackage, zip, type ZipItem } from "../fixtures/h5p/archives";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

let db: Db;
let root: string;
let storage: FileStorage;
let coordinator: User;
let teacher: User;

/** Every file under the storage folder with its size and modification time. */
function snapshot() {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(`${path.relative(root, full)} ${statSync(full).size} ${statSync(full).mtimeMs}`);
    }
  };
  walk(root);
  return out.sort();
}

async function counts() {
  const [libraries, contents] = await Promise.all([
    db.selectFrom("h5p_library").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
    db.selectFrom("h5p_content").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { libraries: Number(libraries.n), contents: Number(contents.n) };
}

beforeAll(async () => {
  db = await testDb();
  root = mkdtempSync(path.join(tmpdir(), "passerelle-h5p-"));
  storage = folderStorage(root);
  coordinator = await createUser(db, { role: "coordinator" });
  teacher = await createUser(db, { role: "teacher" });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("installing and uploading H5P packages", () => {
  it("lets a coordinator install the libraries a package carries", async () => {
    const result = await installLibraries(db, coordinator, zip(await demoItems()), { storage });
    expect(result.installed).toEqual(["H5P.PasserelleQuestion-1.0"]);
    const library = await db.selectFrom("h5p_library").selectAll().where("machine_name", "=", "H5P.PasserelleQuestion").executeTakeFirstOrThrow();
    expect(library.runnable).toBe(true);
    expect((await storage.get(`${library.storage_prefix}/passerelle-question.js`))?.contentType).toMatch(/^text\/javascript/);
    // The same patch again installs nothing and writes nothing.
    const before = snapshot();
    expect((await installLibraries(db, coordinator, zip(await demoItems()), { storage })).installed).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it("lets a teacher upload an activity that uses installed libraries", async () => {
    const { contentId } = await uploadContent(db, teacher, { file: zip(await demoItems({ withLibrary: false })), title: "Mon quiz" }, { storage });
    const content = await db.selectFrom("h5p_content").selectAll().where("id", "=", contentId).executeTakeFirstOrThrow();
    expect(content).toMatchObject({ title: "Mon quiz", main_library: "H5P.PasserelleQuestion 1.0", created_by: teacher.id, file_count: 2 });
    expect(JSON.parse(Buffer.from((await storage.get(`h5p/content/${contentId}/content/content.json`))!.body).toString()).question).toMatch(/mots de passe/);
    expect(await storage.get(`h5p/content/${contentId}/h5p.json`)).not.toBeNull();
  });

  it("leaves out a library folder the teacher's archive carries when that library is installed", async () => {
    const before = await counts();
    // The same activity as above: the teacher asks for a second copy.
    const { contentId } = await uploadContent(db, teacher, { file: zip(await demoItems()), allowDuplicate: true }, { storage });
    expect(await counts()).toEqual({ libraries: before.libraries, contents: before.contents + 1 });
    expect(readdirSync(path.join(root, "h5p/libraries"))).toHaveLength(1);
    expect(await storage.get(`h5p/content/${contentId}/H5P.PasserelleQuestion-1.0/passerelle-question.js`)).toBeNull();
  });
});

describe("packages shaped like h5p.org downloads", () => {
  it("refuses a teacher's upload until a coordinator installs its libraries, then plays it", async () => {
    const archive = zip(h5pOrgLikePackage());
    await expect(uploadContent(db, teacher, { file: archive }, { storage })).rejects.toMatchObject({ code: "libraries_need_coordinator" });
    const { installed } = await installLibraries(db, coordinator, archive, { storage });
    expect(installed.sort()).toEqual(["FontAwesome-4.5", "H5P.JoubelUI-1.3", "H5P.MultiChoice-1.16", "H5P.Question-1.5", "H5P.Transition-1.0"]);
    const { contentId } = await uploadContent(db, teacher, { file: archive }, { storage });
    expect(await storage.get(`h5p/content/${contentId}/content/images/file-5f1c.png`)).not.toBeNull();
    const js = await libraryFile(db, "H5P.MultiChoice-1.16", "js/multichoice.js", storage);
    expect(js?.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(await libraryFile(db, "H5P.MultiChoice-1.16", "language/.en.json", storage)).toBeNull();
    expect(await libraryFile(db, "H5P.MultiChoice-1.16", "../FontAwesome-4.5/library.json", storage)).toBeNull();
    expect(await libraryFile(db, "H5P.MultiChoice-1.17", "js/multichoice.js", storage)).toBeNull();
  });
});

describe("refusing crafted archives before extracting anything", () => {
  const evilLibrary = (): ZipItem[] => [
    {
      name: "H5P.Evil-1.0/library.json",
      data: JSON.stringify({ title: "Evil", machineName: "H5P.Evil", majorVersion: 1, minorVersion: 0, patchVersion: 0, runnable: 1, preloadedJs: [{ path: "evil.js" }] }),
    },
    { name: "H5P.Evil-1.0/evil.js", data: "fetch('/compte/supprimer', {method: 'POST'})" },
  ];
  const manyEntries = () => Array.from({ length: 3001 }, (_, i) => ({ name: `content/images/f${i}.txt`, data: "x" }));

  const cases: [string, () => Promise<Buffer>, string][] = [
    ["zip slip", async () => zip([...(await demoItems({ withLibrary: false })), { name: "content/../../../../tmp/evil.json", data: "{}" }]), "path_traversal"],
    ["absolute path", async () => zip([...(await demoItems({ withLibrary: false })), { name: "/etc/cron.d/evil", data: "* * * * * root sh" }]), "absolute_path"],
    ["symlink", async () => zip([...(await demoItems({ withLibrary: false })), { name: "content/images/passwd.txt", data: "/etc/passwd", mode: 0o120777 }]), "symlink"],
    ["zip bomb by ratio", async () => zip([...(await demoItems({ withLibrary: false })), { name: "content/zeros.json", data: new Uint8Array(30 * 1024 * 1024), level: 9 }]), "zip_bomb"],
    [
      "zip bomb by declared total size",
      async () => declareSize(zip([...(await demoItems({ withLibrary: false })), { name: "content/video.mp4", data: "tiny" }]), "content/video.mp4", 3_000_000_000),
      "too_large_uncompressed",
    ],
    ["too many entries", async () => zip([...(await demoItems({ withLibrary: false })), ...manyEntries()]), "too_many_entries"],
    ["a .js file in content/", async () => zip([...(await demoItems({ withLibrary: false })), { name: "content/images/evil.js", data: "alert(1)" }]), "forbidden_content_file"],
    ["an .html file in content/", async () => zip([...(await demoItems({ withLibrary: false })), { name: "content/page.html", data: "<script>alert(1)</script>" }]), "forbidden_content_file"],
    [
      "an SVG with script in content/",
      async () => zip([...(await demoItems({ withLibrary: false })), { name: "content/images/logo.svg", data: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' }]),
      "svg_script",
    ],
    ["a library upload by a non-coordinator", async () => zip([...(await demoItems({ withLibrary: false })), ...evilLibrary()]), "libraries_need_coordinator"],
    ["no h5p.json", async () => zip((await demoItems({ withLibrary: false })).filter((i) => i.name !== "h5p.json")), "missing_h5p_json"],
    ["a broken h5p.json", async () => zip([...(await demoItems({ withLibrary: false })).filter((i) => i.name !== "h5p.json"), { name: "h5p.json", data: '{"title": ' }]), "invalid_h5p_json"],
    [
      "a content.json that is not an object",
      async () => zip([...(await demoItems({ withLibrary: false })).filter((i) => i.name !== "content/content.json"), { name: "content/content.json", data: "[1,2]" }]),
      "invalid_content_json",
    ],
    [
      "a library that is not installed",
      async () =>
        zip([
          ...(await demoItems({ withLibrary: false })).filter((i) => i.name !== "h5p.json"),
          { name: "h5p.json", data: JSON.stringify({ title: "Q", mainLibrary: "H5P.DragQuestion", preloadedDependencies: [{ machineName: "H5P.DragQuestion", majorVersion: "1", minorVersion: "14" }] }) },
        ]),
      "library_missing",
    ],
    // A loose file at the root is left out as H5P core leaves it out, but its name is still checked.
    ["a root file whose name storage refuses", async () => zip([...(await demoItems({ withLibrary: false })), { name: "LISEZ MOI.html", data: "<p>" }]), "unsafe_name"],
  ];

  it.each(cases)("refuses %s with its own message, and writes nothing", async (_label, build, code) => {
    const archive = await build();
    const before = snapshot();
    const beforeCounts = await counts();
    let error: unknown;
    try {
      await uploadContent(db, teacher, { file: archive }, { storage });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(H5pPackageError);
    expect((error as H5pPackageError).code).toBe(code);
    expect((error as H5pPackageError).status).toBeGreaterThanOrEqual(400);
    expect((error as H5pPackageError).status).toBeLessThan(500);
    expect(snapshot()).toEqual(before);
    expect(await counts()).toEqual(beforeCounts);
  });

  it("gives every rejection its own translated message in French and English", () => {
    const codes = [...new Set(cases.map(([, , code]) => code))];
    for (const locale of ["fr", "en"] as const) {
      const t = serverT(locale);
      const messages = codes.map((code) => t(`h5p:rejections.${code}`, { name: "x", max: 1 }));
      expect(new Set(messages).size).toBe(codes.length);
      for (const m of messages) expect(m).not.toMatch(/^h5p:/);
    }
  });

  it("lets only coordinators use the library installer", async () => {
    const before = snapshot();
    await expect(installLibraries(db, teacher, zip(await demoItems()), { storage })).rejects.toMatchObject({ init: { status: 403 } });
    expect(snapshot()).toEqual(before);
  });

  it("cleans up the files when recording the package fails", async () => {
    const before = snapshot();
    const ghost = { ...teacher, id: "00000000-0000-4000-8000-000000000000" } as User;
    await expect(uploadContent(db, ghost, { file: zip(await demoItems({ withLibrary: false })) }, { storage })).rejects.toThrow();
    expect(snapshot()).toEqual(before);
  });
});
