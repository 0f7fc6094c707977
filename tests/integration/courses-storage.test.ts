import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkUpload, IMAGE_RULES, localStorage, s3Storage, type FileStorage } from "../../app/lib/storage.server";

// The file storage behind course images: the local folder, and the S3
// implementation driven by the official AWS SDK against a small S3 stand-in
// (no object store can run here; the stand-in speaks the five calls the
// storage uses: PutObject, GetObject, DeleteObject, ListObjectsV2, DeleteObjects).

const PNG = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"));
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

async function read(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (!String(req.headers["content-encoding"] ?? "").includes("aws-chunked")) return raw;
  // aws-chunked: "<hex size>[;ext]\r\n<data>\r\n" … "0\r\n<trailers>\r\n\r\n"
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf("\r\n", at);
    const size = parseInt(raw.subarray(at, eol).toString().split(";")[0]!, 16);
    if (!size) break;
    out.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

function s3StandIn() {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const calls: string[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, "http://s3.local");
    const [, bucket, ...rest] = url.pathname.split("/");
    const key = decodeURIComponent(rest.join("/"));
    const xml = (status: number, body: string) => {
      res.writeHead(status, { "Content-Type": "application/xml" });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
    };
    if (bucket !== "passerelle") return xml(404, "<Error><Code>NoSuchBucket</Code></Error>");
    if (req.method === "PUT" && key) {
      calls.push(`put ${key}`);
      objects.set(key, { body: await read(req), type: String(req.headers["content-type"] ?? "application/octet-stream") });
      res.writeHead(200, { ETag: '"x"' });
      return res.end();
    }
    if (req.method === "GET" && key) {
      calls.push(`get ${key}`);
      const object = objects.get(key);
      if (!object) return xml(404, `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`);
      res.writeHead(200, { "Content-Type": object.type, "Content-Length": object.body.length });
      return res.end(object.body);
    }
    if (req.method === "DELETE" && key) {
      calls.push(`delete ${key}`);
      objects.delete(key);
      res.writeHead(204);
      return res.end();
    }
    if (req.method === "GET" && url.searchParams.get("list-type") === "2") {
      const prefix = url.searchParams.get("prefix") ?? "";
      calls.push(`list ${prefix}`);
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort();
      return xml(200, `<ListBucketResult><Name>passerelle</Name><Prefix>${prefix}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${keys.map((k) => `<Contents><Key>${k}</Key></Contents>`).join("")}</ListBucketResult>`);
    }
    if (req.method === "POST" && url.searchParams.has("delete")) {
      const body = (await read(req)).toString();
      const keys = [...body.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!);
      calls.push(`delete-many ${keys.join(",")}`);
      for (const k of keys) objects.delete(k);
      return xml(200, `<DeleteResult>${keys.map((k) => `<Deleted><Key>${k}</Key></Deleted>`).join("")}</DeleteResult>`);
    }
    xml(400, "<Error><Code>NotImplemented</Code></Error>");
  });
  return { server, objects, calls };
}

let standIn: ReturnType<typeof s3StandIn>;
let endpoint: string;
const root = mkdtempSync(path.join(tmpdir(), "passerelle-storage-"));

beforeAll(async () => {
  standIn = s3StandIn();
  await new Promise<void>((resolve) => (standIn.server as Server).listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(standIn.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => standIn.server.close(r));
  rmSync(root, { recursive: true, force: true });
});

const implementations: [string, () => FileStorage][] = [
  ["local folder", () => localStorage(root)],
  [
    "S3 (AWS SDK)",
    () =>
      s3Storage(
        new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "test", secretAccessKey: "test" } }),
        "passerelle",
      ),
  ],
];

describe.each(implementations)("file storage: %s", (_name, make) => {
  it("stores, reads back with its type, deletes, and deletes a prefix", async () => {
    const storage = make();
    await storage.put("courses/a.png", PNG, "image/png");
    await storage.put("packages/p1/index.html", new TextEncoder().encode("<p>1</p>"), "text/html");
    await storage.put("packages/p1/lib/x.js", new TextEncoder().encode("x"), "text/javascript");
    await storage.put("packages/p10/keep.txt", new TextEncoder().encode("keep"), "text/plain");
    const got = await storage.get("courses/a.png");
    expect(got?.contentType).toBe("image/png");
    expect(Buffer.from(got!.body).equals(Buffer.from(PNG))).toBe(true);
    expect(await storage.get("courses/missing.png")).toBeNull();

    await storage.deletePrefix("packages/p1");
    expect(await storage.get("packages/p1/index.html")).toBeNull();
    expect(await storage.get("packages/p1/lib/x.js")).toBeNull();
    // A sibling whose name starts the same is not under the prefix.
    expect(await storage.get("packages/p10/keep.txt")).not.toBeNull();

    await storage.delete("courses/a.png");
    expect(await storage.get("courses/a.png")).toBeNull();
  });

  it("lists every key once, in name order (backups walk the storage with it)", async () => {
    const storage = make();
    for (const key of ["list/b.png", "list/a/deep.json", "list/c.type.png"]) await storage.put(key, PNG, "image/png");
    const keys: string[] = [];
    for await (const key of storage.list()) if (key.startsWith("list/")) keys.push(key);
    // The local folder's `<key>.type` companions are not keys.
    expect(keys).toEqual(["list/a/deep.json", "list/b.png", "list/c.type.png"]);
    await storage.deletePrefix("list");
  });

  it("refuses keys that could leave its folder", async () => {
    const storage = make();
    for (const key of ["../etc/passwd", "courses/../../x", "/abs/path", "a//b", "./a", "a/./b", "a\\b", "", "a/b/"]) {
      await expect(storage.put(key, PNG, "image/png"), key).rejects.toThrow(/unsafe storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/unsafe storage key/);
    }
  });
});

it("went through the S3 API for the S3 implementation", () => {
  expect(standIn.calls).toEqual(
    expect.arrayContaining(["put courses/a.png", "get courses/a.png", "list packages/p1/", "delete-many packages/p1/index.html,packages/p1/lib/x.js", "delete courses/a.png"]),
  );
});

describe("upload checks", () => {
  it("takes the type from the bytes, not from the name or the browser", async () => {
    expect(await checkUpload(PNG, IMAGE_RULES)).toBe("image/png");
    expect(await checkUpload(JPEG, IMAGE_RULES)).toBe("image/jpeg");
    const refuse = async (body: Uint8Array) => {
      try {
        await checkUpload(body, IMAGE_RULES);
        return 200;
      } catch (error) {
        return (error as { init: { status: number } }).init.status;
      }
    };
    expect(await refuse(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBe(415);
    expect(await refuse(new TextEncoder().encode("<!doctype html><script>alert(1)</script>"))).toBe(415);
    expect(await refuse(Uint8Array.from(Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n")))).toBe(415);
    expect(await refuse(new Uint8Array(0))).toBe(400);
    const big = new Uint8Array(IMAGE_RULES.maxBytes + 1);
    big.set(PNG);
    expect(await refuse(big)).toBe(413);
  });
});

describe("local storage of files written by other programs", () => {
  it("serves a file without a .type companion with the type its extension implies", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "passerelle-egress-"));
    mkdirSync(path.join(root, "recordings"), { recursive: true });
    writeFileSync(path.join(root, "recordings", "class.mp4"), Buffer.from([0, 0, 0, 24]));
    writeFileSync(path.join(root, "recordings", "notes.xyz"), "x");
    const storage = localStorage(root);
    expect((await storage.get("recordings/class.mp4"))?.contentType).toBe("video/mp4");
    expect((await storage.get("recordings/notes.xyz"))?.contentType).toBe("application/octet-stream");
    rmSync(root, { recursive: true, force: true });
  });
});

describe("upload checks on damaged files", () => {
  it("answers a truncated image with a 4xx, not a crash", async () => {
    // The first bytes of a PNG, cut short.
    const truncated = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    const outcome = await checkUpload(truncated, IMAGE_RULES).then(
      (type) => ({ type }),
      (error) => ({ status: (error as { init?: { status?: number } }).init?.status }),
    );
    expect(outcome).not.toHaveProperty("status", 500);
    if ("status" in outcome) expect(outcome.status).toBeGreaterThanOrEqual(400);
  });
});
