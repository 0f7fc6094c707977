import { describe, expect, it } from "vitest";
import { checkSvg, decodeXml } from "./svg";

const SCRIPTED = '<?xml version="1.0" encoding="UTF-16"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
const CLEAN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#0a0"/><use href="#c"/></svg>';

const utf16le = (text: string, bom = true) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]);
const utf16be = (text: string, bom = true) => {
  const le = Buffer.from(text, "utf16le");
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), be]);
};
const utf8 = (text: string) => Buffer.from(text, "utf8");

describe("decoding an SVG the way an XML parser does", () => {
  it("reads UTF-16 little- and big-endian, with or without a byte-order mark", () => {
    for (const bytes of [utf16le(SCRIPTED), utf16be(SCRIPTED), utf16le(SCRIPTED, false), utf16be(SCRIPTED, false)]) {
      expect(decodeXml(bytes)).toBe(SCRIPTED);
    }
  });

  it("reads the encoding of the XML declaration (Latin-1 here), and UTF-8 with or without a BOM", () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><svg><title>Été</title></svg>', "latin1");
    expect(decodeXml(latin1)).toContain("<title>Été</title>");
    expect(decodeXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(CLEAN)]))).toBe(CLEAN);
    expect(decodeXml(utf8(CLEAN))).toBe(CLEAN);
  });

  it("refuses what it cannot decode with certainty", () => {
    expect(decodeXml(utf8('<?xml version="1.0" encoding="x-unknown"?><svg/>'))).toBeNull();
    expect(decodeXml(Buffer.from([0x3c, 0x73, 0xff, 0xfe, 0x3e]))).toBeNull(); // not UTF-8, no declaration
    expect(decodeXml(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from("<\0\0\0")]))).toBeNull(); // UTF-32
    expect(decodeXml(utf16le('<?xml version="1.0" encoding="ISO-8859-1"?><svg/>'))).toBeNull(); // BOM and declaration disagree
    expect(decodeXml(utf8('<?xml version="1.0" encoding="UTF-16"?><svg/>'))).toBeNull(); // declares UTF-16, bytes are not
    expect(decodeXml(utf8("<svg>\u0000<script/></svg>"))).toBeNull();
    expect(decodeXml(utf16le(SCRIPTED).subarray(0, 9))).toBeNull(); // odd number of bytes
  });
});

describe("the SVG check", () => {
  it("refuses a UTF-16LE and a UTF-16BE SVG carrying <script>, which a UTF-8 reading missed", () => {
    expect(utf16le(SCRIPTED).toString("utf8")).not.toMatch(/<script/); // why the old check let it through
    expect(checkSvg(utf16le(SCRIPTED))).toBe("script");
    expect(checkSvg(utf16be(SCRIPTED))).toBe("script");
    expect(checkSvg(utf16le(SCRIPTED, false))).toBe("script");
  });

  it("accepts a clean SVG in any of the encodings", () => {
    for (const bytes of [utf8(CLEAN), utf16le(CLEAN), utf16be(CLEAN), utf16le(CLEAN, false)]) expect(checkSvg(bytes)).toBe("ok");
  });

  it("refuses script, handlers, foreign content and outside links, however they are spelled", () => {
    const cases = [
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>',
      '<svg><foreignObject><div/></foreignObject></svg>',
      '<svg><a xlink:href="https://evil.example">x</a></svg>',
      '<svg><image href="https://evil.example/x.png"/></svg>',
      '<svg><a href="&#106;avascript:alert(1)">x</a></svg>',
      '<svg><a xlink:href="#x"><set attributeName="href" to="java&#x09;script:alert(1)"/></a></svg>',
      '<!DOCTYPE svg [<!ENTITY x "y">]><svg/>',
      '<svg><iframe src="x"/></svg>',
    ];
    for (const svg of cases) expect(checkSvg(utf8(svg)), svg).toBe("script");
    expect(checkSvg(utf16be(cases[1]!))).toBe("script");
  });

  it("refuses an SVG it cannot decode", () => {
    expect(checkSvg(utf8('<?xml version="1.0" encoding="UTF-32"?><svg/>'))).toBe("undecodable");
  });
});
