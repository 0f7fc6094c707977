import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { requireSafeKey, type FileStorage } from "../../app/lib/storage.server";
import { DumpError, type Progress } from "./dump";

/**
 * The stored files beside a dump: `files/<key>` with the bytes, and
 * `files.jsonl` listing each key with its content type, size and SHA-256.
 * Read and written through the storage interface, so a backup of the local
 * folder restores into S3 and back.
 */
export interface FileEntry {
  key: string;
  contentType: string;
  size: number;
  sha256: string;
}

const INDEX = "files.jsonl";
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(".", ",");
const digest = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export async function backupFiles(storage: FileStorage, dir: string, progress: Progress = () => {}) {
  const entries: FileEntry[] = [];
  let bytes = 0;
  for await (const key of storage.list()) {
    const file = await storage.get(key);
    if (!file) continue; // deleted while we were walking
    const target = path.join(dir, "files", ...key.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.body);
    entries.push({ key, contentType: file.contentType, size: file.body.byteLength, sha256: digest(file.body) });
    bytes += file.body.byteLength;
    if (entries.length % 100 === 0) progress(`Fichiers : ${entries.length} copiés`);
  }
  await writeFile(path.join(dir, INDEX), entries.map((e) => JSON.stringify(e)).join("\n") + (entries.length ? "\n" : ""));
  progress(`Fichiers : ${entries.length} copiés (${megabytes(bytes)} Mo)`);
  return { files: entries.length, bytes };
}

export async function readFileIndex(dir: string): Promise<FileEntry[]> {
  const text = await readFile(path.join(dir, INDEX), "utf8").catch(() => {
    throw new DumpError(`${dir} : pas de ${INDEX}, cette sauvegarde ne contient pas les fichiers`);
  });
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FileEntry);
}

/** Puts every saved file back, each checked against its SHA-256 before it is written. */
export async function restoreFiles(dir: string, storage: FileStorage, progress: Progress = () => {}) {
  const entries = await readFileIndex(dir);
  let bytes = 0;
  for (const [i, entry] of entries.entries()) {
    requireSafeKey(entry.key);
    const body = new Uint8Array(await readFile(path.join(dir, "files", ...entry.key.split("/"))));
    if (digest(body) !== entry.sha256) throw new DumpError(`files/${entry.key} est abîmé (somme de contrôle différente)`);
    await storage.put(entry.key, body, entry.contentType);
    bytes += body.byteLength;
    if ((i + 1) % 100 === 0) progress(`Fichiers : ${i + 1}/${entries.length} remis en place`);
  }
  progress(`Fichiers : ${entries.length} remis en place (${megabytes(bytes)} Mo)`);
  return { files: entries.length, bytes };
}
