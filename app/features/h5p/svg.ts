/**
 * The check an SVG inside an H5P package must pass. The file is decoded the
 * way an XML parser would decode it — byte-order mark first, then the
 * encoding the first bytes betray (UTF-16 without a BOM), then the XML
 * declaration's `encoding` — so that markup written in UTF-16 or Latin-1 is
 * seen as markup. What cannot be decoded with certainty is refused, and so is
 * anything that runs script, loads another document or embeds foreign
 * content. Files are served under `Content-Security-Policy: sandbox` anyway
 * (decision 008); this refuses them at the door.
 */
export type SvgVerdict = "ok" | "undecodable" | "script";

type Family = "utf-8" | "utf-16le" | "utf-16be" | "ascii";

function familyOf(b: Uint8Array): { family: Family | null; skip: number } {
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  // UTF-32 (either order, with or without BOM) and EBCDIC: no TextDecoder for them, and no SVG tool writes them.
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && (b2 === 0xfe || b2 === 0))) return { family: null, skip: 0 };
  if (b0 === 0x3c && b1 === 0 && b2 === 0 && b3 === 0) return { family: null, skip: 0 };
  if (b0 === 0x4c && b1 === 0x6f && b2 === 0xa7 && b3 === 0x94) return { family: null, skip: 0 };
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { family: "utf-8", skip: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { family: "utf-16le", skip: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { family: "utf-16be", skip: 2 };
  // No BOM: ASCII characters in UTF-16 leave a zero byte beside each of them.
  if (b0 === 0 && b1 !== 0 && b2 === 0) return { family: "utf-16be", skip: 0 };
  if (b0 !== 0 && b1 === 0 && b3 === 0) return { family: "utf-16le", skip: 0 };
  return { family: "ascii", skip: 0 };
}

const DECLARATION = /^\s*<\?xml\s[^?>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

function decodeStrictly(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null; // an unknown label (RangeError) or bytes that are not in that encoding (TypeError)
  }
}

/** The SVG's text, or null when its encoding is unknown, contradictory or not what its bytes are. */
export function decodeXml(bytes: Uint8Array): string | null {
  const { family, skip } = familyOf(bytes);
  if (!family) return null;
  const body = bytes.subarray(skip);
  let text: string | null;
  if (family === "utf-16le" || family === "utf-16be") {
    if (body.byteLength % 2 !== 0) return null;
    text = decodeStrictly(body, family);
    const declared = text && DECLARATION.exec(text)?.[1]?.toLowerCase();
    // The byte order decides; a declaration naming another family contradicts it.
    if (declared && !/^(utf-16|utf-16le|utf-16be|ucs-2|iso-10646-ucs-2)$/.test(declared)) return null;
  } else {
    // The declaration is ASCII in every ASCII-compatible encoding: read it as Latin-1 first.
    const head = new TextDecoder("latin1").decode(body.subarray(0, 512));
    const declared = DECLARATION.exec(head)?.[1]?.toLowerCase();
    if (family === "utf-8" && declared && declared !== "utf-8" && declared !== "utf8") return null;
    if (declared && /^(utf-16|utf-16le|utf-16be|ucs-2|utf-32)/.test(declared)) return null;
    text = decodeStrictly(body, declared ?? "utf-8");
  }
  if (text === null || text.includes("\u0000")) return null;
  return text;
}

/** Elements that run script, load a document or embed foreign content, with or without a namespace prefix. */
const DANGEROUS_ELEMENT = /<(?:[\w.-]+:)?(?:script|foreignObject|iframe|embed|object|handler|listener)\b/i;
/** Event-handler attributes (onload, onclick…), entity declarations, animations of handlers or links. */
const DANGEROUS_MARKUP = /\bon[a-z]+\s*=|<!ENTITY|attributeName\s*=\s*["']\s*(?:[\w.-]+:)?(?:on|href)/i;
/** A link to anything but a fragment of the same file (`xlink:href` and SVG 2's plain `href`). */
const EXTERNAL_REFERENCE = /(?<![\w.-])(?:[\w.-]+:)?href\s*=\s*["']\s*(?!#)/i;
const SCRIPT_URL = /(?:java|vb)script:|data:text\/html/i;

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", colon: ":", tab: "\t", newline: "\n" };

/** Character references resolved, so that `&#106;avascript:` reads as what the browser will see. */
function resolveReferences(text: string) {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    const code = hex ? parseInt(hex, 16) : dec ? parseInt(dec, 10) : undefined;
    if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : "";
    return NAMED[name!.toLowerCase()] ?? whole;
  });
}

export function checkSvg(bytes: Uint8Array): SvgVerdict {
  const text = decodeXml(bytes);
  if (text === null) return "undecodable";
  const resolved = resolveReferences(text);
  for (const candidate of [text, resolved]) {
    if (DANGEROUS_ELEMENT.test(candidate) || DANGEROUS_MARKUP.test(candidate) || EXTERNAL_REFERENCE.test(candidate)) return "script";
  }
  // URL parsers drop tabs and line breaks: "java&#9;script:" is "javascript:".
  if (SCRIPT_URL.test(resolved.replace(/[\t\n\r]/g, ""))) return "script";
  return "ok";
}
