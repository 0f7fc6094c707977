import { describe, expect, it } from "vitest";
import { declareSize, zip } from "../../../tests/fixtures/h5p/archives";
import { DEFAULT_LIMITS, openArchive } from "./archive.server";
import { H5pPackageError } from "./errors";

async function rejection(buffer: Buffer, limits = DEFAULT_LIMITS) {
  try {
    const archive = await openArchive(buffer, limits);
    archive.close();
  } catch (error) {
    expect(error).toBeInstanceOf(H5pPackageError);
    return (error as H5pPackageError).code;
  }
  return "accepted";
}

const ok = { name: "h5p.json", data: "{}" };

describe("archive inspection", () => {
  it("lists files and reads them, leaving out directories and system junk", async () => {
    const archive = await openArchive(
      zip([ok, { name: "content/content.json", data: '{"a":1}' }, { name: "__MACOSX/._h5p.json", data: "x" }, { name: "content/.DS_Store", data: "x" }]),
    );
    expect([...archive.files.keys()].sort()).toEqual(["content/content.json", "h5p.json"]);
    expect((await archive.read("content/content.json")).toString()).toBe('{"a":1}');
    archive.close();
  });

  it("refuses paths that climb out (zip slip) or are absolute", async () => {
    expect(await rejection(zip([ok, { name: "content/../../etc/passwd", data: "x" }]))).toBe("path_traversal");
    expect(await rejection(zip([ok, { name: "../evil.js", data: "x" }]))).toBe("path_traversal");
    expect(await rejection(zip([ok, { name: "/etc/cron.d/evil", data: "x" }]))).toBe("absolute_path");
    expect(await rejection(zip([ok, { name: "C:/Windows/evil.txt", data: "x" }]))).toBe("absolute_path");
    expect(await rejection(zip([ok, { name: "content\\..\\evil.txt", data: "x" }]))).toBe("path_traversal");
  });

  it("refuses symlinks and odd names", async () => {
    expect(await rejection(zip([ok, { name: "content/link.json", data: "/etc/passwd", mode: 0o120777 }]))).toBe("symlink");
    expect(await rejection(zip([ok, { name: "content/a\u0000b.json", data: "x" }]))).toBe("unsafe_name");
    expect(await rejection(zip([ok, { name: "content/<script>.json", data: "x" }]))).toBe("unsafe_name");
  });

  it("refuses too many entries before reading any", async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ name: `content/f${i}.txt`, data: "x" }));
    expect(await rejection(zip([ok, ...items]), { ...DEFAULT_LIMITS, maxEntries: 20 })).toBe("too_many_entries");
  });

  it("refuses a zip bomb by ratio and by declared total size", async () => {
    const zeros = new Uint8Array(20 * 1024 * 1024);
    expect(await rejection(zip([ok, { name: "content/zeros.json", data: zeros, level: 9 }]))).toBe("zip_bomb");
    const liar = declareSize(zip([ok, { name: "content/big.mp4", data: "small" }]), "content/big.mp4", 400 * 1024 * 1024);
    expect(await rejection(liar)).toBe("too_large_uncompressed");
  });

  it("refuses what is not a zip, and archives over the size limit", async () => {
    expect(await rejection(Buffer.from("not a zip at all"))).toBe("not_zip");
    expect(await rejection(zip([ok]), { ...DEFAULT_LIMITS, maxArchiveBytes: 10 })).toBe("archive_too_large");
  });

  it("stops reading an entry that is larger than it says", async () => {
    const liar = declareSize(zip([ok, { name: "content/a.txt", data: "0123456789" }]), "content/a.txt", 4);
    const archive = await openArchive(liar);
    await expect(archive.read("content/a.txt")).rejects.toBeInstanceOf(H5pPackageError);
    archive.close();
  });
});
