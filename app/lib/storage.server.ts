import { mkdir, readdir, readFile, rm, writeFile, stat } from "node:fs/promises";
import path from "node:path";
import { DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { fileTypeFromBuffer } from "file-type";
import { appError } from "./errors";
import { env } from "./env.server";

/**
 * Where files live (uploaded images, H5P packages, submissions, reports).
 * A local folder by default; S3-compatible object storage when S3_BUCKET is
 * set. Keys are slash-separated relative paths chosen by the app, never by
 * the user.
 */
export interface StoredFile {
  body: Uint8Array;
  contentType: string;
}

export interface FileStorage {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
  /** Removes every key under `prefix/` (an extracted package, a user's files). */
  deletePrefix(prefix: string): Promise<void>;
  /** Every key stored, in name order (backups walk the whole storage with it). */
  list(): AsyncIterable<string>;
}

const KEY = /^[a-zA-Z0-9][a-zA-Z0-9._-]*(\/[a-zA-Z0-9][a-zA-Z0-9._-]*)*$/;

export function requireSafeKey(key: string) {
  if (!KEY.test(key) || key.split("/").some((part) => part === ".." || part === ".")) {
    throw new Error(`unsafe storage key: ${key}`);
  }
}

const EXTENSION_TYPES: Record<string, string> = {
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".ogg": "audio/ogg",
  ".m4a": "audio/mp4",
  ".mp3": "audio/mpeg",
  ".json": "application/json",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".csv": "text/csv",
};

function typeFromExtension(file: string) {
  return EXTENSION_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

export function localStorage(root: string): FileStorage {
  const full = (key: string) => {
    requireSafeKey(key);
    return path.join(root, key);
  };
  return {
    async put(key, body, contentType) {
      const file = full(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, body);
      await writeFile(`${file}.type`, contentType);
    },
    async get(key) {
      const file = full(key);
      try {
        const body = await readFile(file);
        // Files written by other programs (e.g. LiveKit egress into a shared folder) have no
        // `.type` companion: fall back to the extension, then to a neutral binary type.
        const contentType = await readFile(`${file}.type`, "utf8").catch(() => typeFromExtension(file));
        return { body: new Uint8Array(body), contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      const file = full(key);
      await rm(file, { force: true });
      await rm(`${file}.type`, { force: true });
    },
    async deletePrefix(prefix) {
      const dir = full(prefix);
      if (await stat(dir).catch(() => null)) await rm(dir, { recursive: true, force: true });
    },
    async *list() {
      const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
      const files = new Set(entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/")));
      // `<key>.type` beside `<key>` is the key's content type, not a key of its own.
      const keys = [...files].filter((f) => !(f.endsWith(".type") && files.has(f.slice(0, -".type".length))));
      yield* keys.filter((k) => KEY.test(k)).sort();
    },
  };
}

export function s3Storage(client: S3Client, bucket: string): FileStorage {
  return {
    async put(key, body, contentType) {
      requireSafeKey(key);
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async get(key) {
      requireSafeKey(key);
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const body = await res.Body!.transformToByteArray();
        return { body, contentType: res.ContentType ?? "application/octet-stream" };
      } catch (error) {
        if ((error as { name?: string }).name === "NoSuchKey") return null;
        throw error;
      }
    },
    async delete(key) {
      requireSafeKey(key);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async deletePrefix(prefix) {
      requireSafeKey(prefix);
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/`, ContinuationToken: token }),
        );
        const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
        if (keys.length) await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    async *list() {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}

let instance: FileStorage | undefined;

export function fileStorage(): FileStorage {
  if (instance) return instance;
  const e = env();
  if (e.S3_BUCKET) {
    const client = new S3Client({
      region: e.S3_REGION ?? "us-east-1",
      endpoint: e.S3_ENDPOINT,
      forcePathStyle: !!e.S3_ENDPOINT,
      credentials:
        e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
          : undefined,
    });
    instance = s3Storage(client, e.S3_BUCKET);
  } else {
    instance = localStorage(path.resolve(e.DATA_DIR, "files"));
  }
  return instance;
}

export interface UploadRules {
  maxBytes: number;
  /** MIME types accepted, checked against the file's bytes, not its name or the browser's claim. */
  allowed: readonly string[];
}

export const IMAGE_RULES: UploadRules = {
  maxBytes: 5 * 1024 * 1024,
  allowed: ["image/png", "image/jpeg", "image/webp", "image/gif"],
};

/**
 * Checks size and sniffed type before anything is stored. Text formats that
 * have no magic number (CSV, plain text) are accepted only when listed and
 * valid UTF-8 without NUL bytes.
 */
export async function checkUpload(body: Uint8Array, rules: UploadRules): Promise<string> {
  if (body.byteLength === 0) throw appError(400, "file_empty", "files:errors.empty");
  if (body.byteLength > rules.maxBytes) {
    throw appError(413, "file_too_large", "files:errors.too_large", { max: Math.round(rules.maxBytes / 1024 / 1024) });
  }
  // A truncated or malformed file can make the sniffer throw: that is "unknown type", not a 500.
  const sniffed = await fileTypeFromBuffer(body).catch(() => undefined);
  if (sniffed && rules.allowed.includes(sniffed.mime)) return sniffed.mime;
  if (!sniffed) {
    const textType = rules.allowed.find((t) => t.startsWith("text/"));
    if (textType && isPlainText(body)) return textType;
  }
  throw appError(415, "file_type", "files:errors.type", { allowed: rules.allowed.join(", ") });
}

function isPlainText(body: Uint8Array) {
  if (body.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}
