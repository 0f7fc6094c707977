import { publicUrl } from "../../lib/public-url.server";

/**
 * The public address written into credentials and QR codes (public-url.server.ts).
 * The request is not read: its Host header is the client's to choose.
 */
export function publicBaseUrl(_request?: Request) {
  return publicUrl();
}
