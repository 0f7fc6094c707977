import type { Db, DbOrTrx } from "../../lib/db.server";
import { releaseStorage, reserveStorage } from "../../lib/quota.server";
import { checkUpload, fileStorage, IMAGE_RULES } from "../../lib/storage.server";
import { courseImageUrl, IMAGE_EXTENSIONS } from "./rich-text/urls";

// Course images (covers and pictures in lessons) live in the file storage
// under `courses/<uuid>.<ext>`; the name is ours, never the uploader's.

const FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg|webp|gif)$/;
const key = (fileName: string) => `courses/${fileName}`;

/**
 * Checks size and sniffed type (PNG, JPEG, WebP, GIF — never SVG), then the
 * uploader's and the course's quotas, and stores the image.
 */
export async function storeCourseImage(db: Db, body: Uint8Array, { ownerId, courseId }: { ownerId: string; courseId: string }) {
  const contentType = await checkUpload(body, IMAGE_RULES);
  const fileName = `${crypto.randomUUID()}.${IMAGE_EXTENSIONS[contentType]}`;
  await reserveStorage(db, { key: key(fileName), kind: "course_image", ownerId, courseId, bytes: body.byteLength, files: 1 });
  try {
    await fileStorage().put(key(fileName), body, contentType);
  } catch (error) {
    await releaseStorage(db, key(fileName));
    throw error;
  }
  return { fileName, url: courseImageUrl(fileName), contentType };
}

/**
 * Same, under a name derived from `hexDigest` (content import): importing
 * the same picture twice stores it once.
 */
export async function storeCourseImageAs(body: Uint8Array, hexDigest: string) {
  const contentType = await checkUpload(body, IMAGE_RULES);
  const h = hexDigest.slice(0, 32);
  const fileName = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}.${IMAGE_EXTENSIONS[contentType]}`;
  if (!(await fileStorage().get(key(fileName)))) await fileStorage().put(key(fileName), body, contentType);
  return { fileName, url: courseImageUrl(fileName), contentType };
}

/** The image, or null when the name is not one of ours or the file is gone. */
export async function readCourseImage(fileName: string) {
  if (!FILE_NAME.test(fileName)) return null;
  const file = await fileStorage().get(key(fileName));
  if (!file || !IMAGE_RULES.allowed.includes(file.contentType)) return null;
  return file;
}

export async function deleteStoredImage(db: DbOrTrx, fileName: string) {
  if (!FILE_NAME.test(fileName)) return;
  await fileStorage().delete(key(fileName));
  await releaseStorage(db, key(fileName));
}
