/**
 * URL-friendly name: no accents, lower case, dashes, at most 80 characters,
 * never ending in a dash — "Se protéger des arnaques !" → "se-proteger-des-arnaques".
 * `fallback` when nothing is left (a name made of symbols).
 */
export function slugify(text: string, fallback = ""): string {
  const slug = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || fallback;
}
