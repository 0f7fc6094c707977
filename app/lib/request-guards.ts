/**
 * Checks made once for every request, before any route reads it (issue 22,
 * finding 7): an address whose path holds a control character or a broken
 * percent-encoding, or whose query holds a NUL (which PostgreSQL refuses in
 * text), is answered 400 here rather than reaching a query as a 500. Other
 * control characters in a query value are the route's business: a `retour`
 * with a tab is made safe and encoded by safeRedirect, a search ignores it.
 */
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;

/** True when the path (decoded) or a query parameter (name or value) is not something a person could have typed. */
export function isUnreadableAddress(pathAndQuery: string): boolean {
  const at = pathAndQuery.indexOf("?");
  const path = at === -1 ? pathAndQuery : pathAndQuery.slice(0, at);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  if (CONTROL_CHARACTERS.test(decoded) || decoded.includes("\uFFFD")) return true;
  if (at === -1) return false;
  const query = pathAndQuery.slice(at + 1);
  for (const [name, value] of new URLSearchParams(query)) {
    if (name.includes("\u0000") || value.includes("\u0000")) return true;
  }
  return false;
}
