import { Transform, type TransformCallback } from "node:stream";

/**
 * Request bodies are capped per kind of route before anything reads them:
 * the Content-Length is checked at once, and the bytes are counted while they
 * stream in (chunked bodies have no Content-Length), so a 300 MB form post is
 * refused after at most the limit has been read, never buffered whole.
 * Each feature keeps its own, finer check and message (a 10 MB team file…);
 * these limits sit just above them (multipart framing included).
 */
export interface BodyLimit {
  kind: string;
  /** Matched against the path without React Router's `.data` suffix. */
  path: RegExp;
  bytes: number;
}

export const KIB = 1024;
export const MIB = 1024 * KIB;

export function bodyLimitFor(pathname: string, limits: readonly BodyLimit[], fallback: BodyLimit): BodyLimit {
  const path = pathname.replace(/\.data$/, "").replace(/^\/_root$/, "/");
  return limits.find((l) => l.path.test(path)) ?? fallback;
}

export class BodyTooLargeError extends Error {
  constructor(public readonly limit: BodyLimit) {
    super(`request body over ${limit.bytes} bytes (${limit.kind})`);
  }
}

/** Passes the bytes through and fails as soon as more than the limit went by. */
export function countingStream(limit: BodyLimit, onOverflow: () => void) {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limit.bytes) {
        onOverflow();
        callback(new BodyTooLargeError(limit));
        return;
      }
      callback(null, chunk);
    },
  });
}

/** "1 Mo" / "1 MB" for the refusal message. */
export function formatLimit(bytes: number, locale: "fr" | "en") {
  const mb = bytes / MIB;
  const value = mb >= 1 ? Math.floor(mb) : Math.floor(bytes / KIB);
  const unit = mb >= 1 ? (locale === "fr" ? "Mo" : "MB") : locale === "fr" ? "ko" : "KB";
  return `${value} ${unit}`;
}
