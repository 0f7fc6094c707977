import { execFileSync } from "node:child_process";
import path from "node:path";

export interface ParsedMail {
  subject: string;
  to: string;
  topType: string;
  defects: string[];
  parts: { contentType: string; charset: string | null; filename: string | null; attachment: boolean; content: string }[];
}

/** Parses a raw mail with Python's email package (Debian's python3, called by path). */
export function parseMail(raw: Buffer | string): ParsedMail {
  const output = execFileSync("/usr/bin/python3", [path.join(import.meta.dirname, "mime-check.py")], { input: raw, encoding: "utf8" });
  return JSON.parse(output) as ParsedMail;
}
