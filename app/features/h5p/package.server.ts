import { z } from "zod";
import type { OpenedArchive } from "./archive.server";
import { H5pPackageError } from "./errors";
import { checkSvg } from "./svg";

/**
 * What an H5P package must look like (h5p.org's specification of the .h5p
 * format), checked on the names first and then on the JSON files, before
 * anything is stored. Library folders are code: the caller says whether the
 * uploader may install them.
 */
const version = z.union([z.number().int().min(0), z.string().regex(/^\d{1,5}$/).transform(Number)]);
const machineName = z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/);
const dependency = z.looseObject({ machineName, majorVersion: version, minorVersion: version });
const filePath = z.looseObject({ path: z.string().min(1).max(500) });

export const ManifestSchema = z.looseObject({
  title: z.string().trim().min(1).max(255),
  mainLibrary: machineName,
  language: z.string().max(20).optional(),
  preloadedDependencies: z.array(dependency).min(1).max(200),
  embedTypes: z.array(z.string()).optional(),
});
export type H5pManifest = z.infer<typeof ManifestSchema>;

export const LibraryJsonSchema = z.looseObject({
  title: z.string().min(1).max(255),
  machineName,
  majorVersion: version,
  minorVersion: version,
  patchVersion: version,
  runnable: z.union([z.literal(0), z.literal(1), z.boolean()]).optional(),
  preloadedJs: z.array(filePath).max(100).optional(),
  preloadedCss: z.array(filePath).max(100).optional(),
  preloadedDependencies: z.array(dependency).max(200).optional(),
  dynamicDependencies: z.array(dependency).max(200).optional(),
  editorDependencies: z.array(dependency).max(200).optional(),
});
export type LibraryJson = z.infer<typeof LibraryJsonSchema>;

const ContentJsonSchema = z.record(z.string(), z.unknown());

/**
 * H5P core's default whitelist (H5PCore::$defaultContentWhitelist, and
 * `contentWhitelist` of h5p-nodejs-library, core API 1.27), word for word:
 * content may hold these, libraries these plus `js css`
 * ($defaultLibraryWhitelistExtras). Passerelle adds four inert media types
 * it accepted before (webp, m4v, oga, ogv). What a browser would not show
 * safely is served as a download (mime.ts), never inline.
 */
export const H5P_CORE_WHITELIST = (
  "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav txt pdf rtf doc docx " +
  "xls xlsx ppt pptx odt ods odp xml csv diff patch swf md textile vtt webvtt gltf glb"
).split(" ");
export const H5P_CORE_LIBRARY_EXTRAS = ["js", "css"];
const PASSERELLE_MEDIA = ["webp", "m4v", "oga", "ogv"];
export const CONTENT_EXTENSIONS = new Set([...H5P_CORE_WHITELIST, ...PASSERELLE_MEDIA]);
export const LIBRARY_EXTENSIONS = new Set([...CONTENT_EXTENSIONS, ...H5P_CORE_LIBRARY_EXTRAS]);
const LIBRARY_FOLDER = /^([A-Za-z0-9_.-]{1,255})-(\d{1,5})\.(\d{1,5})$/;
const MAX_JSON_BYTES = 5 * 1024 * 1024;

export const extensionOf = (name: string) => (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? "").toLowerCase();
export const libraryKey = (name: string, major: number, minor: number) => `${name} ${major}.${minor}`;
export const libraryFolder = (name: string, major: number, minor: number) => `${name}-${major}.${minor}`;

export interface CheckedLibrary {
  folder: string;
  json: LibraryJson;
  /** Paths inside the folder → bytes. */
  files: Map<string, Buffer>;
}

export interface CheckedPackage {
  manifest: H5pManifest | null;
  contentJson: Record<string, unknown> | null;
  /** Paths from the archive root (`h5p.json`, `content/…`) → bytes. */
  contentFiles: Map<string, Buffer>;
  libraries: CheckedLibrary[];
  /** Entries left out as H5P core leaves them out (a loose file at the root, an author's stray folder). */
  ignored: string[];
}

export interface PackageRules {
  /** "content": an activity to play; "libraries": a coordinator installing the code a package carries. */
  mode: "content" | "libraries";
  /** Only coordinators may bring library folders (code). */
  mayInstallLibraries: boolean;
  /** Installed libraries, by libraryKey(). */
  installed: Set<string>;
}

function parseJson<T>(bytes: Buffer, schema: z.ZodType<T>, code: "invalid_h5p_json" | "invalid_content_json" | "invalid_library_json", values = {}) {
  if (bytes.byteLength > MAX_JSON_BYTES) throw new H5pPackageError(code, values);
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString("utf8").replace(/^\uFEFF/, ""));
  } catch {
    throw new H5pPackageError(code, values);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new H5pPackageError(code, values);
  return parsed.data;
}

export async function checkPackage(archive: OpenedArchive, rules: PackageRules): Promise<CheckedPackage> {
  // 1. Names only: every entry is h5p.json, content, a library file, or left
  // out as H5P core leaves it out (H5PValidator::isValidPackage extracts only
  // content/ and, for those who may install libraries, folders: a loose file
  // at the root such as H5P_CONTENT_HERE.txt is skipped, not an error).
  const contentNames: string[] = [];
  const libraryNames = new Map<string, string[]>();
  const ignored: string[] = [];
  for (const name of archive.files.keys()) {
    if (name === "h5p.json") continue;
    const [top, ...rest] = name.split("/");
    if (rest.length === 0) {
      ignored.push(name);
      continue;
    }
    if (top === "content") {
      // Installing libraries skips the content, unchecked, as core does.
      if (rules.mode === "libraries") continue;
      if (!CONTENT_EXTENSIONS.has(extensionOf(name))) throw new H5pPackageError("forbidden_content_file", { name });
      contentNames.push(name);
      continue;
    }
    if (LIBRARY_FOLDER.test(top!)) {
      if (!LIBRARY_EXTENSIONS.has(extensionOf(name))) throw new H5pPackageError("forbidden_library_file", { name });
      libraryNames.set(top!, [...(libraryNames.get(top!) ?? []), rest.join("/")]);
      continue;
    }
    // A folder that cannot be a library: core would refuse it as a library
    // from someone who may install them, and not extract it for anyone else.
    if (rules.mayInstallLibraries) throw new H5pPackageError("unexpected_file", { name });
    ignored.push(name);
  }

  // 2. Library folders: code only a coordinator may bring. Others' archives may
  // carry folders of libraries already installed; those are left out, never extracted.
  const folders = [...libraryNames.keys()];
  const installedFolder = (folder: string) => {
    const [, n, maj, min] = LIBRARY_FOLDER.exec(folder)!;
    return rules.installed.has(libraryKey(n!, Number(maj), Number(min)));
  };
  if (!rules.mayInstallLibraries) {
    const newFolder = folders.find((f) => !installedFolder(f));
    if (newFolder) throw new H5pPackageError("libraries_need_coordinator", { name: newFolder });
  }
  const toInstall = rules.mayInstallLibraries ? folders : [];
  if (rules.mode === "libraries" && toInstall.length === 0) throw new H5pPackageError("no_libraries");

  // 3. The manifest and the content's parameters.
  let manifest: H5pManifest | null = null;
  let contentJson: Record<string, unknown> | null = null;
  if (rules.mode === "content") {
    if (!archive.files.has("h5p.json")) throw new H5pPackageError("missing_h5p_json");
    manifest = parseJson(await archive.read("h5p.json"), ManifestSchema, "invalid_h5p_json");
    if (!manifest.preloadedDependencies.some((d) => d.machineName === manifest!.mainLibrary)) {
      throw new H5pPackageError("invalid_h5p_json");
    }
    if (!archive.files.has("content/content.json")) throw new H5pPackageError("missing_content_json");
    contentJson = parseJson(await archive.read("content/content.json"), ContentJsonSchema, "invalid_content_json");
  }

  // 4. Library folders: library.json valid and matching its folder, listed files present.
  const libraries: CheckedLibrary[] = [];
  for (const folder of toInstall) {
    const names = libraryNames.get(folder)!;
    if (!names.includes("library.json")) throw new H5pPackageError("invalid_library_json", { name: folder });
    const json = parseJson(await archive.read(`${folder}/library.json`), LibraryJsonSchema, "invalid_library_json", { name: folder });
    if (folder !== libraryFolder(json.machineName, json.majorVersion, json.minorVersion)) {
      throw new H5pPackageError("library_folder_mismatch", { name: folder });
    }
    for (const file of [...(json.preloadedJs ?? []), ...(json.preloadedCss ?? [])]) {
      if (!names.includes(file.path)) throw new H5pPackageError("library_file_missing", { name: `${folder}/${file.path}` });
    }
    libraries.push({ folder, json, files: new Map() });
  }

  // 5. Every dependency is installed or arrives with this package.
  const provided = new Set([...rules.installed, ...libraries.map((l) => libraryKey(l.json.machineName, l.json.majorVersion, l.json.minorVersion))]);
  const needs = [
    ...(manifest?.preloadedDependencies ?? []),
    ...libraries.flatMap((l) => l.json.preloadedDependencies ?? []),
  ];
  for (const d of needs) {
    if (!provided.has(libraryKey(d.machineName, d.majorVersion, d.minorVersion))) {
      throw new H5pPackageError("library_missing", { name: `${d.machineName} ${d.majorVersion}.${d.minorVersion}` });
    }
  }

  // 6. Only now the rest is decompressed (into memory, bounded by the declared sizes).
  const contentFiles = new Map<string, Buffer>();
  if (rules.mode === "content") {
    contentFiles.set("h5p.json", await archive.read("h5p.json"));
    for (const name of contentNames) {
      const bytes = await archive.read(name);
      if (extensionOf(name) === "svg") {
        const verdict = checkSvg(bytes);
        if (verdict !== "ok") throw new H5pPackageError(verdict === "script" ? "svg_script" : "svg_undecodable", { name });
      }
      contentFiles.set(name, bytes);
    }
  }
  for (const library of libraries) {
    for (const path of libraryNames.get(library.folder)!) library.files.set(path, await archive.read(`${library.folder}/${path}`));
  }
  return { manifest, contentJson, contentFiles, libraries, ignored };
}
