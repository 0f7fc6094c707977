/**
 * multipart/mixed (RFC 2046 §5.1) over a Buffer, for the Statement resource's
 * attachments (xAPI-Communication §1.5.2). The multipart parsers in
 * node_modules (busboy and undici's formData) only read multipart/form-data,
 * whose parts must carry a Content-Disposition; xAPI parts carry
 * X-Experience-API-Hash instead. Bodies are already capped in size, so the
 * whole body is in memory and parsing is a few `indexOf` calls.
 *
 * Strict on purpose: lines end with CRLF, every part has a header block, the
 * close delimiter must be present. Preamble and epilogue are ignored.
 */

export class MultipartError extends Error {}

export interface MultipartPart {
  /** Header names in lower case; values trimmed. */
  headers: Map<string, string>;
  body: Buffer;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
// RFC 2046 bcharsnospace plus space (never last), 1 to 70 characters.
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary parameter of a multipart Content-Type, or null when absent or invalid. */
export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary\s*=\s*(?:"((?:[^"\\\r\n]|\\.)*)"|([^;\s"]+))/i.exec(contentType);
  if (!match) return null;
  const value = match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2]!;
  return BOUNDARY.test(value) ? value : null;
}

/** The media type of a Content-Type value, lower-cased, without parameters. */
export function mediaType(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const lines: string[] = [];
  for (const line of block.split("\r\n")) {
    // Folded continuation lines (obsolete but legal in MIME) join the previous header.
    if (/^[ \t]/.test(line) && lines.length) lines[lines.length - 1] += ` ${line.trim()}`;
    else lines.push(line);
  }
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0 || /[^!-9;-~]/.test(line.slice(0, colon))) throw new MultipartError(`bad header line`);
    const name = line.slice(0, colon).toLowerCase();
    if (headers.has(name)) throw new MultipartError(`repeated header ${name}`);
    headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

function parsePart(raw: Buffer): MultipartPart {
  // A part with no headers starts right away with the blank line.
  if (raw.subarray(0, 2).equals(CRLF)) return { headers: new Map(), body: raw.subarray(2) };
  const end = raw.indexOf(HEADER_END);
  if (end < 0) {
    // Headers and no body: the delimiter's CRLF ended the header block.
    if (raw.length > 2 && raw.subarray(-2).equals(CRLF)) return { headers: parseHeaders(raw.subarray(0, -2).toString("latin1")), body: Buffer.alloc(0) };
    throw new MultipartError("part without a header block");
  }
  return { headers: parseHeaders(raw.subarray(0, end).toString("latin1")), body: raw.subarray(end + 4) };
}

/** Splits `body` into its parts; throws MultipartError when it is not well-formed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let at: number;
  if (body.subarray(0, dash.length).equals(dash)) at = 0;
  else {
    const found = body.indexOf(delimiter);
    if (found < 0) throw new MultipartError("no boundary");
    at = found + 2;
  }
  const parts: MultipartPart[] = [];
  for (;;) {
    let cursor = at + dash.length;
    if (body[cursor] === 0x2d && body[cursor + 1] === 0x2d) {
      if (parts.length === 0) throw new MultipartError("no parts");
      return parts;
    }
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++;
    if (body[cursor] !== 0x0d || body[cursor + 1] !== 0x0a) throw new MultipartError("boundary line not ended by CRLF");
    const start = cursor + 2;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new MultipartError("no close delimiter");
    parts.push(parsePart(body.subarray(start, next)));
    at = next + 2;
  }
}

/** The delimiter line and header block that open a part of `boundary`. */
export function partHead(boundary: string, headers: Record<string, string>): Buffer {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  return Buffer.from(`--${boundary}\r\n${lines}\r\n`);
}

/** What follows the last part's body: the CRLF that belongs to the close delimiter, then the delimiter. */
export function closeDelimiter(boundary: string): Buffer {
  return Buffer.from(`\r\n--${boundary}--\r\n`);
}

/** A whole multipart/mixed body (the GET answer streams the same pieces). */
export function buildMultipart(boundary: string, parts: { headers: Record<string, string>; body: Uint8Array }[]): Buffer {
  const chunks: Buffer[] = [];
  parts.forEach((part, i) => {
    if (i > 0) chunks.push(CRLF);
    chunks.push(partHead(boundary, part.headers), Buffer.from(part.body));
  });
  chunks.push(closeDelimiter(boundary));
  return Buffer.concat(chunks);
}
