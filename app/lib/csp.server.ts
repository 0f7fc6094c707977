import { createContext } from "react-router";
import { EMBED_FRAME_ORIGINS } from "../features/courses/rich-text/embeds";
import { providerFormOrigins } from "../features/oidc/providers.server";
import { env } from "./env.server";

/**
 * The LTI pages (issue 21, decision 048) are shown inside the registered
 * platforms' iframes and post forms to them: a route sets their origins
 * here; every other page keeps `frame-ancestors 'none'` and `form-action 'self'`.
 */
export const embeddersContext = createContext<{ frameAncestors: string[]; formTargets: string[] }>({ frameAncestors: [], formTargets: [] });

/**
 * The Content-Security-Policy of every HTML page. Scripts run only with the
 * per-request nonce (and what they load, through 'strict-dynamic'); no inline
 * styles or event handlers; nothing may frame us.
 */
export function contentSecurityPolicy(nonce: string, { dev = false, frameAncestors = [] as string[], formTargets = [] as string[] } = {}): string {
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
    "frame-ancestors": frameAncestors.length ? frameAncestors : ["'none'"],
    // Sign-in and sign-out forms end at an OpenID provider (a redirect after the POST, which form-action covers);
    // the LTI pages post to their platform.
    "form-action": ["'self'", ...providerFormOrigins(), ...formTargets],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Paths shown inside an LMS's iframe: X-Frame-Options would forbid it; their CSP `frame-ancestors` decides instead. */
export const FRAMEABLE_PATH = /^\/lti\//;

/** Headers for every response, documents and assets alike (X-Frame-Options not on FRAMEABLE_PATH). */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(self), microphone=(self), display-capture=(self), geolocation=()",
};
