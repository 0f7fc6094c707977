import { toVideoEmbed } from "./embeds";
import { registerNodeRenderer } from "./registry";
import { CALLOUT_VARIANTS, type CalloutVariant } from "./types";
import { safeImageSrc } from "./urls";

// The built-in node types of a lesson body. Each renderer builds its element
// from scratch: attributes are never spread from the document.

const shortText = (value: unknown, max: number) => (typeof value === "string" ? value.trim().slice(0, max) : "");

registerNodeRenderer("paragraph", (_node, { children, key }) => <p key={key}>{children()}</p>);

registerNodeRenderer(
  "heading",
  (node, { children, key }) => {
    // The lesson title is the page's h1: body headings start at h2.
    const level = node.attrs.level as 2 | 3 | 4;
    const Tag = `h${level}` as "h2" | "h3" | "h4";
    return <Tag key={key}>{children()}</Tag>;
  },
  { attrs: (raw) => ({ level: Math.min(4, Math.max(2, Number.isInteger(raw.level) ? (raw.level as number) : 2)) }) },
);

registerNodeRenderer("bulletList", (_node, { children, key }) => <ul key={key}>{children()}</ul>);

registerNodeRenderer(
  "orderedList",
  (node, { children, key }) => (
    <ol key={key} start={node.attrs.start === 1 ? undefined : (node.attrs.start as number)}>
      {children()}
    </ol>
  ),
  {
    attrs: (raw) => {
      const start = Number(raw.start);
      return { start: Number.isInteger(start) && start >= 0 && start <= 10_000 ? start : 1 };
    },
  },
);

registerNodeRenderer("listItem", (_node, { children, key }) => <li key={key}>{children()}</li>);

registerNodeRenderer("blockquote", (_node, { children, key }) => <blockquote key={key}>{children()}</blockquote>);

registerNodeRenderer(
  "codeBlock",
  (_node, { children, key }) => (
    <pre key={key}>
      <code>{children()}</code>
    </pre>
  ),
  { textOnly: true },
);

registerNodeRenderer("hardBreak", (_node, { key }) => <br key={key} />, { leaf: true });

registerNodeRenderer("horizontalRule", (_node, { key }) => <hr key={key} />, { leaf: true });

registerNodeRenderer(
  "image",
  (node, { key }) => (
    <img key={key} src={node.attrs.src as string} alt={node.attrs.alt as string} loading="lazy" decoding="async" />
  ),
  {
    leaf: true,
    attrs: (raw) => {
      const src = safeImageSrc(raw.src);
      return src ? { src, alt: shortText(raw.alt, 500) } : null;
    },
  },
);

registerNodeRenderer(
  "callout",
  (node, { children, key, t }) => {
    const variant = node.attrs.variant as CalloutVariant;
    return (
      <div key={key} className={`callout callout-${variant}`} role="note">
        <p className="callout-label">{t(`rich_text.callout.${variant}`)}</p>
        {children()}
      </div>
    );
  },
  {
    attrs: (raw) => ({
      variant: CALLOUT_VARIANTS.includes(raw.variant as CalloutVariant) ? (raw.variant as CalloutVariant) : "conseil",
    }),
  },
);

registerNodeRenderer(
  "videoEmbed",
  (node, { key, t }) => {
    const embed = toVideoEmbed(node.attrs.url)!;
    const title = (node.attrs.title as string) || t(`rich_text.video.${embed.provider}`);
    return (
      <figure key={key} className="video-embed">
        <div className="video-frame">
          <iframe
            src={embed.embedUrl}
            title={title}
            loading="lazy"
            allow="fullscreen; picture-in-picture"
            allowFullScreen
            referrerPolicy="strict-origin-when-cross-origin"
            sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"
          />
        </div>
        <figcaption>
          <a href={embed.watchUrl} rel="noopener noreferrer">
            {t("rich_text.video.watch_on_site", { title })}
          </a>
        </figcaption>
      </figure>
    );
  },
  {
    leaf: true,
    attrs: (raw) => (toVideoEmbed(raw.url) ? { url: String(raw.url).trim(), title: shortText(raw.title, 200) } : null),
  },
);
