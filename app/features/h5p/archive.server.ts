import yauzl, { type Entry, type ZipFile } from "yauzl";
import { H5pPackageError } from "./errors";

/**
 * Reads an uploaded .h5p (zip) without trusting it. The central directory is
 * inspected first — entry count, names, symlinks, declared sizes and
 * compression ratios — and only then are entries decompressed, into memory,
 * each bounded by its declared size (yauzl checks that the stream matches).
 * Nothing is written anywhere here.
 */
export interface ArchiveLimits {
  /** Size of the .h5p file itself. */
  maxArchiveBytes: number;
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed/compressed, for the whole archive. */
  maxTotalRatio: number;
  /** Uncompressed/compressed, per entry larger than `ratioFloorBytes`. */
  maxEntryRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxArchiveBytes: 50 * 1024 * 1024,
  maxEntries: 3000,
  maxTotalBytes: 150 * 1024 * 1024,
  maxTotalRatio: 40,
  maxEntryRatio: 100,
  ratioFloorBytes: 64 * 1024,
};

export interface ArchiveEntry {
  name: string;
  size: number;
  entry: Entry;
}

export interface OpenedArchive {
  /** File entries by name (directories and system junk left out). */
  files: Map<string, ArchiveEntry>;
  read(name: string): Promise<Buffer>;
  close(): void;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
/** What the storage interface accepts as a key segment (app/lib/storage.server.ts): anything else is refused here, as a 400. */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function openZip(buffer: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, zip) =>
      err || !zip ? reject(new H5pPackageError("not_zip")) : resolve(zip),
    );
  });
}

function readCentralDirectory(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on("entry", (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", () => reject(new H5pPackageError("not_zip")));
    zip.readEntry();
  });
}

/** The entry's name decoded as the zip says (UTF-8 flag or CP437/Info-ZIP extra field). */
function entryName(entry: Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
}

/**
 * Entries that are simply not extracted: as H5P core, any file or folder
 * whose name starts with "." or "_" (dotfiles, __MACOSX), and Windows'
 * Thumbs.db. They still went through every check above.
 */
export function isJunk(name: string) {
  const parts = name.split("/");
  return parts.some((p) => p.startsWith(".") || p.startsWith("_")) || parts.at(-1) === "Thumbs.db";
}

function checkName(name: string) {
  const short = { name: name.slice(0, 200) };
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) throw new H5pPackageError("absolute_path", short);
  // Backslashes are not separators in a zip, but some extractors treat them as such.
  const parts = name.replace(/\/$/, "").split(/[\\/]/);
  if (parts.some((p) => p === ".." || p === ".")) throw new H5pPackageError("path_traversal", short);
  if (name.includes("\\") || name.includes("\0") || parts.some((p) => p === "")) throw new H5pPackageError("unsafe_name", short);
}

export async function openArchive(buffer: Buffer, limits: ArchiveLimits = DEFAULT_LIMITS): Promise<OpenedArchive> {
  if (buffer.byteLength > limits.maxArchiveBytes) {
    throw new H5pPackageError("archive_too_large", { max: Math.round(limits.maxArchiveBytes / 1024 / 1024) });
  }
  const zip = await openZip(buffer);
  try {
    // The count is in the end-of-central-directory record: refused before any entry is read.
    if (zip.entryCount > limits.maxEntries) throw new H5pPackageError("too_many_entries", { max: limits.maxEntries });
    const entries = await readCentralDirectory(zip);
    const files = new Map<string, ArchiveEntry>();
    let total = 0;
    let compressed = 0;
    for (const entry of entries) {
      const name = entryName(entry);
      checkName(name);
      const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (mode === S_IFLNK) throw new H5pPackageError("symlink", { name: name.slice(0, 200) });
      if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) throw new H5pPackageError("special_file", { name: name.slice(0, 200) });
      if (entry.isEncrypted()) throw new H5pPackageError("encrypted");
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new H5pPackageError("not_zip");
      total += entry.uncompressedSize;
      compressed += entry.compressedSize;
      if (total > limits.maxTotalBytes) {
        throw new H5pPackageError("too_large_uncompressed", { max: Math.round(limits.maxTotalBytes / 1024 / 1024) });
      }
      if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * limits.maxEntryRatio) {
        throw new H5pPackageError("zip_bomb", { name: name.slice(0, 200) });
      }
      if (name.endsWith("/") || mode === S_IFDIR || isJunk(name)) continue;
      if (files.has(name) || [...files.keys()].some((other) => other.toLowerCase() === name.toLowerCase())) {
        throw new H5pPackageError("duplicate_entry", { name: name.slice(0, 200) });
      }
      if (!name.split("/").every((part) => SAFE_SEGMENT.test(part) && part.length <= 200)) {
        throw new H5pPackageError("unsafe_name", { name: name.slice(0, 200) });
      }
      files.set(name, { name, size: entry.uncompressedSize, entry });
    }
    if (total > limits.ratioFloorBytes && total > Math.max(compressed, 1) * limits.maxTotalRatio) {
      throw new H5pPackageError("zip_bomb", { name: "*" });
    }
    return {
      files,
      read: (name) => readEntry(zip, files.get(name)!),
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

function readEntry(zip: ZipFile, { entry, size }: ArchiveEntry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(new H5pPackageError("not_zip"));
      const chunks: Buffer[] = [];
      let read = 0;
      stream.on("data", (chunk: Buffer) => {
        read += chunk.length;
        // yauzl already stops at the declared size; this is a second fence.
        if (read > size) stream.destroy(new Error("entry larger than declared"));
        else chunks.push(chunk);
      });
      stream.on("error", () => reject(new H5pPackageError("not_zip")));
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}
