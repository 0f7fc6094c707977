import { env } from "../../lib/env.server";

/**
 * The public origin written into credentials and QR codes: APP_URL when set
 * (behind a proxy the request's own origin may be internal), else the request's.
 */
export function publicBaseUrl(request: Request) {
  return (env().APP_URL ?? new URL(request.url).origin).replace(/\/+$/, "");
}
