import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Reads our PDFs with poppler-utils (Debian's `poppler-utils`, installed by
 * .ci/run): a reader that shares no code with pdfkit, which wrote them.
 */
function withFile<T>(pdf: Uint8Array, run: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "passerelle-pdf-"));
  const file = path.join(dir, "document.pdf");
  try {
    writeFileSync(file, pdf);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** `pdffonts`: every font the pages use, with its emb/sub/uni columns. */
export function pdfFonts(pdf: Uint8Array): PdfFont[] {
  const output = withFile(pdf, (file) => run("pdffonts", [file]));
  // name type encoding emb sub uni object-id: the last five columns are fixed, the name and type may hold spaces.
  return output
    .split("\n")
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!m) throw new Error(`pdffonts line not understood: ${line}`);
      return { name: m[1]!, type: m[2]!, embedded: m[4] === "yes", subset: m[5] === "yes", unicode: m[6] === "yes" };
    });
}

/** `pdftotext`: the text a reader (or a screen reader, or a search) gets out of the document. */
export function pdfToText(pdf: Uint8Array, { layout = false } = {}): string {
  return withFile(pdf, (file) => run("pdftotext", [...(layout ? ["-layout"] : []), "-enc", "UTF-8", file, "-"]));
}

/** `pdfinfo`: Title, Author, Pages… as written in the document. */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const output = withFile(pdf, (file) => run("pdfinfo", ["-enc", "UTF-8", file]));
  return Object.fromEntries(
    output
      .split("\n")
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1]!.trim(), m[2]!.trim()]),
  );
}

/**
 * The document catalog's language and "show the title, not the file name"
 * preference, which pdfinfo does not print: read with `qpdf --json`
 * (Debian's `qpdf`, another independent parser).
 */
export function pdfCatalog(pdf: Uint8Array): { lang: string | null; displayDocTitle: boolean } {
  const json = JSON.parse(withFile(pdf, (file) => run("qpdf", ["--json", "--json-key=qpdf", file]))) as {
    qpdf: [unknown, Record<string, { value: Record<string, unknown> }>];
  };
  const objects = json.qpdf[1];
  const value = (ref: unknown) => (typeof ref === "string" ? objects[`obj:${ref}`]?.value : (ref as Record<string, unknown> | undefined));
  const catalog = value(objects.trailer!.value["/Root"]) ?? {};
  const prefs = value(catalog["/ViewerPreferences"]) ?? {};
  const lang = catalog["/Lang"];
  return { lang: typeof lang === "string" ? lang.replace(/^u:/, "") : null, displayDocTitle: prefs["/DisplayDocTitle"] === true };
}

/** The whole file with its streams uncompressed (`qpdf --qdf`), to count drawing operators. */
export function pdfContent(pdf: Uint8Array): string {
  return withFile(pdf, (file) => {
    const out = `${file}.qdf`;
    execFileSync("qpdf", ["--qdf", "--object-streams=disable", file, out]);
    return readFileSync(out, "latin1");
  });
}

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  page: number;
}

/** `pdftotext -bbox`: every word with its box, in points from the page's top-left corner. */
export function pdfWords(pdf: Uint8Array): { pages: { width: number; height: number }[]; words: PdfWord[] } {
  const html = withFile(pdf, (file) => run("pdftotext", ["-bbox", "-enc", "UTF-8", file, "-"]));
  const pages: { width: number; height: number }[] = [];
  const words: PdfWord[] = [];
  const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[1]) pages.push({ width: Number(m[1]), height: Number(m[2]) });
    else words.push({ text: decode(m[7]!), xMin: Number(m[3]), yMin: Number(m[4]), xMax: Number(m[5]), yMax: Number(m[6]), page: pages.length });
  }
  return { pages, words };
}
