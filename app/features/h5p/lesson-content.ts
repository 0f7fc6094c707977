type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The H5P content ids a lesson body (tiptap JSON) embeds through `h5p` nodes. */
export function embeddedContentIds(body: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown) => {
    if (!isObject(node)) return;
    if (node.type === "h5p" && isObject(node.attrs) && typeof node.attrs.contentId === "string") ids.push(node.attrs.contentId.toLowerCase());
    if (Array.isArray(node.content)) node.content.forEach(walk);
  };
  walk(body);
  return [...new Set(ids)];
}
