const BASE = "http://passerelle.invalid";

/**
 * The one gate for redirect targets that come from a request (`?retour=`,
 * a form's `redirectTo`, a path built from URL parameters). Only a path on
 * this site comes out, percent-encoded so that it is always a valid
 * `Location` header; anything else gives `fallback`.
 *
 * It reads the target as a browser would before judging it: browsers drop
 * tabs and newlines anywhere in a URL and treat `\` as `/`, so `/\t/evil.example`
 * and `/\evil.example` both mean `//evil.example` (another site).
 */
export function safeRedirect(to: string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string") return fallback;
   
  const cleaned = to.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/\\/g, "/");
  if (!cleaned.startsWith("/") || cleaned.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(cleaned, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//x" normalises to "//x", which a browser would read as another host.
  if (path.startsWith("//")) return fallback;
  return path;
}
