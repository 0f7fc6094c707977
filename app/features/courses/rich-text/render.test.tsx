import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { toVideoEmbed } from "./embeds";
import { registerNodeRenderer } from "./registry";
import { renderRichText } from "./render";
import { sanitizeDocument } from "./sanitize";
import { safeHref } from "./urls";

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key);
const html = (doc: unknown) => renderToStaticMarkup(<>{renderRichText(doc, { t })}</>);
const doc = (...content: unknown[]) => ({ type: "doc", content });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) => ({ type: "text", text: value, marks });
const IMG = "/fichiers/cours/0b8e5c1a-2f3d-4c5e-8a9b-1c2d3e4f5a6b.png";

describe("lesson body rendering (allow-list)", () => {
  it("renders the allowed nodes and marks", () => {
    const out = html(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text("Titre")] },
        p(text("gras", [{ type: "bold" }]), text(" et "), text("lien", [{ type: "link", attrs: { href: "https://exemple.fr/a" } }])),
        { type: "bulletList", content: [{ type: "listItem", content: [p(text("un"))] }] },
        { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p(text("trois"))] }] },
        { type: "image", attrs: { src: IMG, alt: "Une boîte aux lettres" } },
        { type: "callout", attrs: { variant: "attention" }, content: [p(text("Prudence"))] },
      ),
    );
    expect(out).toContain("<h2>Titre</h2>");
    expect(out).toContain("<strong>gras</strong>");
    expect(out).toContain('<a href="https://exemple.fr/a" rel="noopener noreferrer nofollow">lien</a>');
    expect(out).toContain("<ul><li><p>un</p></li></ul>");
    expect(out).toContain('<ol start="3">');
    expect(out).toContain(`<img src="${IMG}" alt="Une boîte aux lettres"`);
    expect(out).toContain('class="callout callout-attention" role="note"');
    expect(out).toContain("rich_text.callout.attention");
  });

  it("drops script nodes, unknown nodes and their content", () => {
    const out = html(
      doc(
        { type: "script", content: [text("alert(1)")] },
        { type: "iframe", attrs: { src: "https://evil.example" } },
        { type: "htmlBlock", attrs: { html: "<img src=x onerror=alert(1)>" } },
        p(text("reste")),
      ),
    );
    expect(out).toBe("<p>reste</p>");
  });

  it("escapes text that looks like HTML", () => {
    expect(html(doc(p(text('<script>alert(1)</script><img src=x onerror="alert(1)">'))))).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>",
    );
  });

  it("never lets javascript:, data: or tricky links through", () => {
    for (const href of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "//evil.example/x",
      "/\\evil.example",
      "https://user:pass@exemple.fr/",
      "&#106;avascript:alert(1)",
    ]) {
      const out = html(doc(p(text("clic", [{ type: "link", attrs: { href } }]))));
      expect(out, href).toBe("<p>clic</p>");
    }
    expect(safeHref("/cours/abc")).toBe("/cours/abc");
    expect(safeHref("mailto:mediation@exemple.fr")).toBe("mailto:mediation@exemple.fr");
  });

  it("ignores event-handler and style attributes everywhere", () => {
    const out = html(
      doc(
        { type: "paragraph", attrs: { onclick: "alert(1)", style: "color:red", class: "x" }, content: [text("a")] },
        { type: "heading", attrs: { level: 1, onmouseover: "alert(1)", id: "x" }, content: [text("h")] },
        { type: "image", attrs: { src: IMG, alt: "x", onerror: "alert(1)", srcset: "https://evil.example/a.png 1x" } },
        p(text("b", [{ type: "link", attrs: { href: "https://exemple.fr", onclick: "alert(1)", target: "_top" } }])),
      ),
    );
    expect(out).not.toMatch(/onclick|onmouseover|onerror|style=|srcset|evil|target|class="x"|id="x"/);
    // h1 is the lesson title: body headings are h2 or below.
    expect(out).toContain("<h2>h</h2>");
  });

  it("shows images only from our storage route", () => {
    for (const src of ["https://tracker.example/p.gif", "javascript:alert(1)", "/fichiers/cours/../../etc/passwd", "data:image/png;base64,AAAA"]) {
      expect(html(doc({ type: "image", attrs: { src, alt: "x" } })), src).toBe("");
    }
  });

  it("embeds only allow-listed video hosts in their privacy-enhanced form", () => {
    const yt = html(doc({ type: "videoEmbed", attrs: { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ", title: "Démo" } }));
    expect(yt).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0"');
    expect(yt).toContain('title="Démo"');
    expect(toVideoEmbed("https://vimeo.com/76979871")?.embedUrl).toBe("https://player.vimeo.com/video/76979871?dnt=1");
    expect(toVideoEmbed("https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d")?.embedUrl).toBe(
      "https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?p2p=0&warningTitle=0",
    );
    for (const url of [
      "https://evil.example/embed/x",
      "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://www.youtube.com/watch?v=dQw4\"><script>",
      "https://peertube.evil.example/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
      "javascript:alert(1)",
    ]) {
      expect(html(doc({ type: "videoEmbed", attrs: { url } })), url).toBe("");
    }
  });

  it("keeps code blocks as plain text", () => {
    const out = html(doc({ type: "codeBlock", content: [text("print('bonjour')", [{ type: "link", attrs: { href: "https://x.fr" } }]), { type: "image", attrs: { src: IMG } }] }));
    expect(out).toBe("<pre><code>print(&#x27;bonjour&#x27;)</code></pre>");
  });

  it("survives garbage input", () => {
    for (const input of [null, undefined, 42, "<script>", [], { type: "doc", content: "x" }, { type: "paragraph" }, doc(null, 3, "x", { type: 7 })]) {
      expect(() => html(input)).not.toThrow();
    }
    // Deep nesting is cut, not recursed into forever.
    let deep: unknown = text("fond");
    for (let i = 0; i < 5000; i++) deep = { type: "blockquote", content: [deep] };
    expect(() => html(doc(deep))).not.toThrow();
  });

  it("reports what the sanitizer dropped and keeps the rest unchanged", () => {
    const clean = doc(p(text("a", [{ type: "italic" }])));
    expect(sanitizeDocument(clean)).toEqual({ doc: clean, dropped: 0 });
    const dirty = doc(p(text("a", [{ type: "italic" }, { type: "evil" }])), { type: "script" });
    expect(sanitizeDocument(dirty)).toEqual({ doc: clean, dropped: 2 });
  });

  it("lets another domain register a node type (the h5p extension point)", () => {
    const input = doc({ type: "h5pTest", attrs: { contentId: "abc", onload: "x" } });
    expect(html(input)).toBe("");
    registerNodeRenderer("h5pTest", (node, { key }) => <div key={key} data-h5p={String(node.attrs.contentId)} />, {
      leaf: true,
      attrs: (raw) => (typeof raw.contentId === "string" && /^[a-z]+$/.test(raw.contentId) ? { contentId: raw.contentId } : null),
    });
    expect(html(input)).toBe('<div data-h5p="abc"></div>');
    expect(html(doc({ type: "h5pTest", attrs: { contentId: '"><script>' } }))).toBe("");
    // Per-call renderers work too.
    const perCall = renderToStaticMarkup(
      <>{renderRichText(doc({ type: "quiz" }), { t, renderers: { quiz: { leaf: true, render: (_n, { key }) => <hr key={key} /> } } })}</>,
    );
    expect(perCall).toBe("<hr/>");
    // Renderers learn which lesson they are in.
    const withLesson = renderToStaticMarkup(
      <>{renderRichText(doc({ type: "quiz" }), { t, lessonId: "L1", renderers: { quiz: { leaf: true, render: (_n, { key, lessonId }) => <i key={key}>{lessonId}</i> } } })}</>,
    );
    expect(withLesson).toBe("<i>L1</i>");
  });
});
