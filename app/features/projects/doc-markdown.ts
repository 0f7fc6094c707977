import type { RichMark, RichNode } from "../courses/rich-text/types";
import { isRecord } from "../courses/rich-text/types";

/**
 * A team document as Markdown, for the page's plain form (no JavaScript):
 * the textarea shows this, and the courses converter (markdownToDocument)
 * reads it back. Only what the team editor can produce is written; the
 * round trip keeps paragraphs, headings, lists, quotes, code, bold, italic,
 * strike and links.
 */
export function documentToMarkdown(doc: unknown): string {
  const content = isRecord(doc) && Array.isArray(doc.content) ? (doc.content as RichNode[]) : [];
  return blocks(content, "").trim() + "\n";
}

function blocks(nodes: RichNode[], indent: string): string {
  return nodes
    .map((node) => block(node, indent))
    .filter((s) => s !== "")
    .join("\n\n");
}

function block(node: RichNode, indent: string): string {
  const prefixLines = (text: string, first: string, rest: string) =>
    text
      .split("\n")
      .map((line, i) => (i === 0 ? first : rest) + line)
      .join("\n");
  switch (node.type) {
    case "paragraph":
      return inline(node.content);
    case "heading": {
      const level = Math.min(4, Math.max(2, Number(node.attrs?.level) || 2));
      return `${"#".repeat(level)} ${inline(node.content)}`;
    }
    case "bulletList":
    case "orderedList": {
      const start = Number(node.attrs?.start) || 1;
      return (node.content ?? [])
        .map((item, i) => {
          const marker = node.type === "bulletList" ? "- " : `${start + i}. `;
          const body = blocks(item.content ?? [], "");
          return prefixLines(body, marker, " ".repeat(marker.length));
        })
        .join("\n");
    }
    case "blockquote":
      return prefixLines(blocks(node.content ?? [], indent), "> ", "> ").replace(/> \n/g, ">\n");
    case "codeBlock": {
      const text = (node.content ?? []).map((c) => c.text ?? "").join("");
      const fence = text.includes("```") ? "~~~" : "```";
      return `${fence}\n${text}\n${fence}`;
    }
    case "horizontalRule":
      return "---";
    default:
      // Anything else (callouts, embeds) keeps its text.
      return node.content ? blocks(node.content, indent) : "";
  }
}

const ESCAPE = /[\\`*_[\]<>~#|]/g;

function escapeText(text: string): string {
  // A line starting with "1." or "-" would turn into a list.
  return text.replace(ESCAPE, (c) => `\\${c}`).replace(/^(\d+)\. /, "$1\\. ").replace(/^([-+]) /, "\\$1 ");
}

function wrap(text: string, marks: RichMark[] | undefined): string {
  let out = text;
  for (const mark of marks ?? []) {
    if (mark.type === "bold") out = `**${out}**`;
    else if (mark.type === "italic") out = `*${out}*`;
    else if (mark.type === "strike") out = `~~${out}~~`;
  }
  const link = marks?.find((m) => m.type === "link");
  if (link && typeof link.attrs?.href === "string") out = `[${out}](<${link.attrs.href.replace(/[<>]/g, encodeURIComponent)}>)`;
  return out;
}

function inline(nodes: RichNode[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === "hardBreak") return "\\\n";
      if (node.type !== "text" || !node.text) return "";
      const code = node.marks?.some((m) => m.type === "code");
      const text = code ? `\`${node.text.replace(/`/g, "'")}\`` : escapeText(node.text);
      return wrap(text, node.marks?.filter((m) => m.type !== "code"));
    })
    .join("");
}
