import { marked, type Token, type Tokens } from "marked";
import type { RichDocument, RichMark, RichNode } from "./types";

/**
 * Markdown (as written in content/courses) to a tiptap document, from
 * marked's token stream — no DOM needed. Conventions beyond CommonMark
 * (documented in content/README.md):
 *
 *   > [!CONSEIL]            a "conseil" callout (GitHub alert syntax);
 *   > Le texte du conseil.  `[!ATTENTION]` for a warning.
 *
 *   @[Titre de la vidéo](https://www.youtube.com/watch?v=…)
 *                           alone on its line: a video embed.
 *
 *   ![Texte alternatif](image.png)
 *                           an image next to the file; `resolveImage`
 *                           turns the name into our storage URL.
 *
 * Raw HTML is dropped. The result still goes through sanitizeDocument()
 * when it is saved, like any other body.
 */
export interface MarkdownOptions {
  resolveImage?: (src: string) => string | null;
}

const CALLOUT = /^\s*\[!(CONSEIL|ATTENTION)\][ \t]*\n?/i;
const VIDEO = /^@\[([^\]]*)\]\((\S+?)\)\s*$/;

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const unescapeHtml = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);

export function markdownToDocument(markdown: string, options: MarkdownOptions = {}): RichDocument {
  return { type: "doc", content: blocks(marked.lexer(markdown), options) };
}

function blocks(tokens: Token[], options: MarkdownOptions): RichNode[] {
  const out: RichNode[] = [];
  for (const token of tokens) out.push(...block(token, options));
  return out;
}

function block(token: Token, options: MarkdownOptions): RichNode[] {
  switch (token.type) {
    case "heading": {
      const t = token as Tokens.Heading;
      return [{ type: "heading", attrs: { level: Math.min(4, Math.max(2, t.depth)) }, content: inline(t.tokens, [], options) }];
    }
    case "paragraph": {
      const t = token as Tokens.Paragraph;
      const video = VIDEO.exec(t.text.trim());
      if (video) return [{ type: "videoEmbed", attrs: { url: video[2], title: video[1] } }];
      const onlyImages = t.tokens.every((c) => c.type === "image" || (c.type === "text" && !c.text.trim()));
      if (onlyImages) return t.tokens.flatMap((c) => (c.type === "image" ? image(c as Tokens.Image, options) : []));
      return paragraph(inline(t.tokens, [], options));
    }
    case "text": {
      const t = token as Tokens.Text;
      return paragraph(t.tokens ? inline(t.tokens, [], options) : textNodes(t.text, []));
    }
    case "list": {
      const t = token as Tokens.List;
      const items: RichNode[] = t.items.map((item) => ({ type: "listItem", content: blocks(item.tokens, options) }));
      if (!t.ordered) return [{ type: "bulletList", content: items }];
      const start = typeof t.start === "number" ? t.start : 1;
      return [{ type: "orderedList", attrs: { start }, content: items }];
    }
    case "blockquote": {
      const t = token as Tokens.Blockquote;
      const callout = CALLOUT.exec(t.text);
      if (callout) {
        const variant = callout[1]!.toLowerCase();
        return [{ type: "callout", attrs: { variant }, content: blocks(marked.lexer(t.text.slice(callout[0].length)), options) }];
      }
      return [{ type: "blockquote", content: blocks(t.tokens, options) }];
    }
    case "code": {
      const t = token as Tokens.Code;
      return [{ type: "codeBlock", content: t.text ? [{ type: "text", text: t.text }] : undefined }];
    }
    case "hr":
      return [{ type: "horizontalRule" }];
    default:
      // space, html, tables, definitions: nothing a lesson needs.
      return [];
  }
}

function paragraph(content: RichNode[]): RichNode[] {
  return content.length ? [{ type: "paragraph", content }] : [];
}

function image(token: Tokens.Image, options: MarkdownOptions): RichNode[] {
  const src = options.resolveImage?.(token.href) ?? null;
  return src ? [{ type: "image", attrs: { src, alt: token.text } }] : [];
}

function textNodes(text: string, marks: RichMark[]): RichNode[] {
  // A soft line break inside a paragraph is a space.
  const value = text.replace(/\s*\n\s*/g, " ");
  if (!value) return [];
  return [marks.length ? { type: "text", text: value, marks: [...marks] } : { type: "text", text: value }];
}

function inline(tokens: Token[] | undefined, marks: RichMark[], options: MarkdownOptions): RichNode[] {
  const out: RichNode[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case "text": {
        const t = token as Tokens.Text;
        out.push(...(t.tokens ? inline(t.tokens, marks, options) : textNodes(t.text, marks)));
        break;
      }
      case "escape":
        out.push(...textNodes(unescapeHtml((token as Tokens.Escape).text), marks));
        break;
      case "strong":
        out.push(...inline((token as Tokens.Strong).tokens, [...marks, { type: "bold" }], options));
        break;
      case "em":
        out.push(...inline((token as Tokens.Em).tokens, [...marks, { type: "italic" }], options));
        break;
      case "del":
        out.push(...inline((token as Tokens.Del).tokens, [...marks, { type: "strike" }], options));
        break;
      case "codespan":
        out.push(...textNodes(unescapeHtml((token as Tokens.Codespan).text), [...marks, { type: "code" }]));
        break;
      case "link": {
        const t = token as Tokens.Link;
        out.push(...inline(t.tokens, [{ type: "link", attrs: { href: t.href } }, ...marks], options));
        break;
      }
      case "br":
        out.push({ type: "hardBreak" });
        break;
      case "image":
        // An image inside running text: keep its alternative text.
        out.push(...textNodes((token as Tokens.Image).text, marks));
        break;
      default:
        // Inline HTML is dropped.
        break;
    }
  }
  return mergeText(out);
}

/** Joins neighbouring text nodes that carry the same marks. */
function mergeText(nodes: RichNode[]): RichNode[] {
  const out: RichNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (last?.type === "text" && node.type === "text" && JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])) {
      last.text += node.text!;
    } else {
      out.push(node.type === "text" ? { ...node } : node);
    }
  }
  return out;
}
