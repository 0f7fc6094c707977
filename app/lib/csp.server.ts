import { EMBED_FRAME_ORIGINS } from "../features/courses/rich-text/embeds";
import { providerFormOrigins } from "../features/oidc/providers.server";
import { env } from "./env.server";

/**
 * The Content-Security-Policy of every HTML page. Scripts run only with the
 * per-request nonce (and what they load, through 'strict-dynamic'); no inline
 * styles or event handlers; nothing may frame us.
 */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  const livekit = env().LIVEKIT_URL;
  const connect = ["'self'"];
  if (livekit) {
    const url = new URL(livekit);
    connect.push(url.origin, url.origin.replace(/^http/, "ws"));
  }
  if (dev) connect.push("ws:", "wss:");
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [`'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": connect,
    "media-src": ["'self'", "blob:"],
    // Video embeds of lessons: the same allow-list as the lesson renderer.
    "frame-src": ["'self'", ...EMBED_FRAME_ORIGINS],
    "frame-ancestors": ["'none'"],
    // Sign-in and sign-out forms end at an OpenID provider (a redirect after the POST, which form-action covers).
    "form-action": ["'self'", ...providerFormOrigins()],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Headers for every response, documents and assets alike. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(self), microphone=(self), display-capture=(self), geolocation=()",
};
