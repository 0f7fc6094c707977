import { describe, expect, it } from "vitest";
import { boundaryOf, buildMultipart, mediaType, MultipartError, parseMultipart } from "./multipart";

const b = (s: string) => Buffer.from(s, "latin1");

describe("boundaryOf", () => {
  it("reads quoted and bare boundaries, with the spec's odd characters", () => {
    expect(boundaryOf(`multipart/mixed; boundary="abcABC0123'()+_,-./:=?"`)).toBe("abcABC0123'()+_,-./:=?");
    expect(boundaryOf("multipart/mixed;boundary=xyz; charset=utf-8")).toBe("xyz");
    expect(boundaryOf("multipart/mixed; BOUNDARY=xyz")).toBe("xyz");
  });

  it("refuses a missing, empty, too long or space-ended boundary", () => {
    expect(boundaryOf("multipart/mixed")).toBeNull();
    expect(boundaryOf('multipart/mixed; boundary=""')).toBeNull();
    expect(boundaryOf(`multipart/mixed; boundary=${"a".repeat(71)}`)).toBeNull();
    expect(boundaryOf('multipart/mixed; boundary="ab "')).toBeNull();
  });

  it("gives the bare media type", () => {
    expect(mediaType("Application/JSON; charset=utf-8")).toBe("application/json");
    expect(mediaType(null)).toBe("");
  });
});

describe("parseMultipart", () => {
  it("splits parts, ignoring preamble and epilogue, keeping bodies byte for byte", () => {
    const body = b(
      "preamble to ignore\r\n--XX\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n" +
        "--XX  \r\nX-Experience-API-Hash: AbC\r\ncontent-transfer-encoding: binary\r\n\r\nline1\r\nline2\r\n\r\n" +
        "--XX--\r\nepilogue --XX\r\n",
    );
    const parts = parseMultipart(body, "XX");
    expect(parts).toHaveLength(2);
    expect(parts[0]!.headers.get("content-type")).toBe("application/json");
    expect(parts[0]!.body.toString()).toBe('{"a":1}');
    expect(parts[1]!.headers.get("x-experience-api-hash")).toBe("AbC");
    expect(parts[1]!.body.toString()).toBe("line1\r\nline2\r\n");
  });

  it("keeps binary data containing CR, LF, dashes and the boundary's prefix", () => {
    const data = Buffer.from([0, 13, 10, 45, 45, 88, 255, 13, 10, 45, 45]);
    const body = buildMultipart("XXY", [
      { headers: { "Content-Type": "application/json" }, body: b("[]") },
      { headers: { "Content-Type": "application/octet-stream" }, body: data },
    ]);
    expect(parseMultipart(body, "XXY")[1]!.body.equals(data)).toBe(true);
  });

  it("reads a part without headers, a part without body, and folded headers", () => {
    const parts = parseMultipart(b("--q\r\n\r\nno headers\r\n--q\r\nA: 1\r\n\r\n--q\r\nB: one\r\n two\r\n\r\nx\r\n--q--"), "q");
    expect(parts[0]!.headers.size).toBe(0);
    expect(parts[0]!.body.toString()).toBe("no headers");
    expect(parts[1]!.headers.get("a")).toBe("1");
    expect(parts[1]!.body.length).toBe(0);
    expect(parts[2]!.headers.get("b")).toBe("one two");
  });

  it.each([
    ["no boundary at all", "hello"],
    ["bare LF line endings", "--q\nContent-Type: a/b\n\nx\n--q--\n"],
    ["no close delimiter", "--q\r\nContent-Type: a/b\r\n\r\nx\r\n--q\r\nC: d\r\n\r\ny"],
    ["close delimiter only", "--q--\r\n"],
    ["garbage after the boundary", "--qz\r\nA: b\r\n\r\nx\r\n--q--"],
    ["a header line without colon", "--q\r\nnot a header\r\n\r\nx\r\n--q--"],
    ["a repeated header", "--q\r\nA: 1\r\nA: 2\r\n\r\nx\r\n--q--"],
    ["a part without header block", "--q\r\nA: 1\r\nx\r\n--q--"],
  ])("refuses %s", (_, text) => {
    expect(() => parseMultipart(b(text), "q")).toThrow(MultipartError);
  });
});
