import { LrsError } from "./errors";

/** Reads a body of at most `maxBytes`, refusing larger ones before and while reading. */
export async function readBody(
  request: Request,
  maxBytes: number,
  tooLarge = () => new LrsError(413, "too_large", "xapi:errors.too_large"),
): Promise<Buffer> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}
