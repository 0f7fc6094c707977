import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import * as authoring from "../../app/features/courses/authoring.server";
import { H5pPackageError } from "../../app/features/h5p/errors";
import { installLibraries, uploadContent } from "../../app/features/h5p/service.server";
import { deleteAttachment, purgeDeletedAttachments, uploadAttachment } from "../../app/features/projects/attachments.server";
import type { Db } from "../../app/lib/db.server";
import { resetEnvForTests } from "../../app/lib/env.server";
import { appErrorStatus, isAppError } from "../../app/lib/errors";
import { serverT } from "../../app/lib/i18n.server";
import { storageUsage } from "../../app/lib/quota.server";
import { localStorage as folderStorage } from "../../app/lib/storage.server";
import { demoItems, zip } from "../fixtures/h5p/archives";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { classWithTeams } from "./projects-fixtures";

// Quotas on real PostgreSQL: what a person and a course may store, refused
// with a translated 413 before a byte is written, under concurrency too.

const dataDir = mkdtempSync(path.join(tmpdir(), "passerelle-quotas-"));
process.env.DATA_DIR = dataDir;
resetEnvForTests();

const KB = 1024;
const PNG_HEAD = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
/** A real PNG, padded after its end so that it weighs what the test needs. */
const png = (bytes: number) => new Uint8Array(Buffer.concat([PNG_HEAD, Buffer.alloc(Math.max(0, bytes - PNG_HEAD.length), 7)]));
const details = (title: string) => ({ title, summary: "Essai.", objectives: ["Comprendre"], audiences: ["seniors" as const], themes: ["email" as const], competences: ["2.1" as const], level: "debutant" as const });

let db: Db;
let h5pRoot: string;

function quotas(settings: Record<string, number>) {
  for (const [k, v] of Object.entries(settings)) process.env[k] = String(v);
  resetEnvForTests();
}

/** Every file under a folder (the local storage writes `<key>` and `<key>.type`). */
function filesUnder(dir: string): string[] {
  if (!statSync(dir, { throwIfNoEntry: false })) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof H5pPackageError) return { status: error.status, code: error.code, text: serverT("fr")(error.messageKey, error.values) };
  if (!isAppError(error)) throw error ?? new Error("expected a refusal");
  return { status: appErrorStatus(error), code: error.data.code, text: serverT("fr")(error.data.messageKey, error.data.values) };
}

beforeAll(async () => {
  db = await testDb();
  h5pRoot = mkdtempSync(path.join(tmpdir(), "passerelle-quotas-h5p-"));
});

afterEach(() => {
  for (const k of ["STORAGE_QUOTA_USER_MB", "STORAGE_QUOTA_USER_FILES", "STORAGE_QUOTA_COURSE_MB", "STORAGE_QUOTA_COURSE_FILES", "H5P_MAX_PACKAGE_FILES"]) delete process.env[k];
  resetEnvForTests();
});

afterAll(() => {
  delete process.env.DATA_DIR;
  resetEnvForTests();
});

describe("course images", () => {
  it("refuses the image that would take its author over quota, in French, before writing it; deleting frees the room", async () => {
    quotas({ STORAGE_QUOTA_USER_MB: 1 });
    const author = await createUser(db, { role: "teacher" });
    const course = await authoring.createCourse(db, author, details("Quota d'auteur"));
    const before = filesUnder(path.join(dataDir, "files")).length;
    await authoring.uploadLessonImage(db, author, course.id, png(400 * KB));
    await authoring.setCourseCover(db, author, course.id, { file: new File([png(400 * KB)], "couverture.png"), alt: "Couverture" });
    expect(await storageUsage(db, { ownerId: author.id })).toEqual({ bytes: 800 * KB, files: 2 });
    expect(filesUnder(path.join(dataDir, "files")).length).toBe(before + 4); // two images and their .type files

    const refused = await refusal(authoring.uploadLessonImage(db, author, course.id, png(400 * KB)));
    expect(refused).toMatchObject({ status: 413, code: "storage_quota_user" });
    expect(refused.text).toBe(
      "Ce fichier ne tient pas dans votre espace de stockage (1 Mo au plus, il vous reste 0,2 Mo). Supprimez des fichiers dont vous n'avez plus besoin ou demandez plus de place à la coordination.",
    );
    expect(filesUnder(path.join(dataDir, "files")).length).toBe(before + 4);
    expect(await storageUsage(db, { ownerId: author.id })).toEqual({ bytes: 800 * KB, files: 2 });

    await authoring.removeCourseCover(db, author, course.id);
    expect(await storageUsage(db, { ownerId: author.id })).toEqual({ bytes: 400 * KB, files: 1 });
    await authoring.uploadLessonImage(db, author, course.id, png(400 * KB));
  });

  it("counts files as well as bytes", async () => {
    quotas({ STORAGE_QUOTA_USER_FILES: 3 });
    const author = await createUser(db, { role: "teacher" });
    const course = await authoring.createCourse(db, author, details("Quota de fichiers"));
    for (let i = 0; i < 3; i++) await authoring.uploadLessonImage(db, author, course.id, png(200));
    expect(await refusal(authoring.uploadLessonImage(db, author, course.id, png(200)))).toMatchObject({ status: 413, code: "storage_quota_user_files" });
  });

  it("refuses a course's image over the course's quota even when each author has room", async () => {
    quotas({ STORAGE_QUOTA_COURSE_MB: 1 });
    const first = await createUser(db, { role: "teacher" });
    const second = await createUser(db, { role: "teacher" });
    const course = await authoring.createCourse(db, first, details("Quota de cours"));
    await db.insertInto("course_author").values({ course_id: course.id, user_id: second.id }).execute();
    await authoring.uploadLessonImage(db, first, course.id, png(600 * KB));
    const refused = await refusal(authoring.uploadLessonImage(db, second, course.id, png(600 * KB)));
    expect(refused).toMatchObject({ status: 413, code: "storage_quota_course" });
    expect(refused.text).toContain("Cette image ne tient pas dans l'espace du cours");
    expect(await storageUsage(db, { ownerId: second.id })).toEqual({ bytes: 0, files: 0 });
    // Another course of the same author is not affected.
    const other = await authoring.createCourse(db, second, details("Autre cours"));
    await authoring.uploadLessonImage(db, second, other.id, png(600 * KB));
  });

  it("lets exactly as many uploads through as fit when ten arrive at once", async () => {
    quotas({ STORAGE_QUOTA_USER_MB: 1 });
    const author = await createUser(db, { role: "teacher" });
    // Ten courses, so that only the author's quota stands between the uploads.
    const courses = await Promise.all(Array.from({ length: 10 }, (_, i) => authoring.createCourse(db, author, details(`Quota concurrent ${i}`))));
    const results = await Promise.allSettled(courses.map((course) => authoring.uploadLessonImage(db, author, course.id, png(300_000))));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(3); // 3 × 300 000 bytes fit in 1 MiB, 4 do not
    for (const r of refused) expect(isAppError(r.reason) && appErrorStatus(r.reason)).toBe(413);
    expect(await storageUsage(db, { ownerId: author.id })).toEqual({ bytes: 900_000, files: 3 });
    const stored = filesUnder(path.join(dataDir, "files", "courses")).filter((f) => !f.endsWith(".type"));
    for (const r of ok) expect(stored).toContain(path.join(dataDir, "files", "courses", (r as PromiseFulfilledResult<{ fileName: string }>).value.fileName));
  });
});

describe("school-project team files", () => {
  it("count against the pupil who uploads them, and free their room when purged", async () => {
    quotas({ STORAGE_QUOTA_USER_MB: 1 });
    const { project, teamA, alice } = await classWithTeams(db);
    const pdf = (bytes: number) => new File([Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(bytes - 9, 32)])], "expose.pdf");
    const { id } = await uploadAttachment(db, alice.user, project.id, teamA.id, pdf(700 * KB));
    const refused = await refusal(uploadAttachment(db, alice.user, project.id, teamA.id, pdf(400 * KB)));
    expect(refused).toMatchObject({ status: 413, code: "storage_quota_user" });
    expect(await db.selectFrom("team_attachment").select("id").where("team_id", "=", teamA.id).execute()).toHaveLength(1);

    await deleteAttachment(db, alice.user, project.id, teamA.id, id);
    expect((await storageUsage(db, { ownerId: alice.user.id })).bytes).toBe(700 * KB); // in the trash, still stored
    await purgeDeletedAttachments(db, new Date(Date.now() + 31 * 86_400_000));
    expect(await storageUsage(db, { ownerId: alice.user.id })).toEqual({ bytes: 0, files: 0 });
    await uploadAttachment(db, alice.user, project.id, teamA.id, pdf(400 * KB));
  });
});

describe("H5P packages", () => {
  let coordinator: User;
  let teacher: User;
  beforeAll(async () => {
    coordinator = await createUser(db, { role: "coordinator" });
    teacher = await createUser(db, { role: "teacher" });
    await installLibraries(db, coordinator, zip(await demoItems()), { storage: folderStorage(h5pRoot) });
  });

  const contentRows = () => db.selectFrom("h5p_content").select("id").where("created_by", "=", teacher.id).execute();

  it("refuses the 3,000-entry package that would write 6,000 files, before writing any", async () => {
    const many = Array.from({ length: 2990 }, (_, i) => ({ name: `content/images/f${i}.txt`, data: "x" }));
    const before = filesUnder(h5pRoot).length;
    const refused = await refusal(uploadContent(db, teacher, { file: zip([...(await demoItems({ withLibrary: false })), ...many]) }, { storage: folderStorage(h5pRoot) }));
    expect(refused).toMatchObject({ status: 413, code: "too_many_files" });
    expect(refused.text).toBe("Ce paquet ferait enregistrer 2992 fichiers, c'est trop (1000 au plus). Allégez l'activité ou demandez à la coordination.");
    expect(filesUnder(h5pRoot).length).toBe(before);
    expect(await contentRows()).toEqual([]);
    expect(await storageUsage(db, { ownerId: teacher.id })).toEqual({ bytes: 0, files: 0 });
  });

  it("counts an activity's files against its author and refuses the one over quota", async () => {
    quotas({ STORAGE_QUOTA_USER_FILES: 5 });
    const activity = zip(await demoItems({ withLibrary: false }));
    // The same package twice: the second as a deliberate copy (a duplicate is otherwise refused).
    const upload = () => uploadContent(db, teacher, { file: activity, allowDuplicate: true }, { storage: folderStorage(h5pRoot) });
    const { contentId } = await upload();
    const content = await db.selectFrom("h5p_content").select(["file_count", "total_bytes"]).where("id", "=", contentId).executeTakeFirstOrThrow();
    expect(await storageUsage(db, { ownerId: teacher.id })).toEqual({ bytes: Number(content.total_bytes), files: content.file_count });
    await upload(); // 2 + 2 files
    const before = filesUnder(h5pRoot).length;
    expect(await refusal(upload())).toMatchObject({ status: 413, code: "storage_quota_user_files" });
    expect(filesUnder(h5pRoot).length).toBe(before);
    expect(await contentRows()).toHaveLength(2);
  });

  it("refuses a UTF-16 SVG carrying script inside a package", async () => {
    const svg = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "utf16le")]);
    const refused = await refusal(
      uploadContent(db, teacher, { file: zip([...(await demoItems({ withLibrary: false })), { name: "content/images/logo.svg", data: new Uint8Array(svg) }]) }, { storage: folderStorage(h5pRoot) }),
    );
    expect(refused).toMatchObject({ code: "svg_script" });
  });
});
