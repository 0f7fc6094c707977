/**
 * The one layout of every mail's HTML part, made from its text part so the
 * two always say the same thing: paragraphs from blank lines, links from the
 * addresses in the text, large type, one column that fits a phone. Styles are
 * inline because mail clients drop <style> blocks.
 */
export function mailHtml({ subject, text, lang, siteUrl }: { subject: string; text: string; lang: string; siteUrl: string }): string {
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((block) => `<p style="margin:0 0 16px">${block.split("\n").map(linkify).join("<br>")}</p>`)
    .join("\n");
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f5f8">
<div style="max-width:36rem;margin:0 auto;padding:16px;background:#ffffff;color:#1b1f24;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.6">
<p style="margin:0 0 16px;font-size:22px;font-weight:bold"><a href="${escapeHtml(siteUrl)}" style="color:#1b1f24;text-decoration:none">Passerelle</a></p>
${paragraphs}
</div>
</body>
</html>
`;
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)»]/g;

/** One line of text as HTML, its web addresses made into links. */
function linkify(line: string): string {
  let html = "";
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = match[0];
    html += escapeHtml(line.slice(last, match.index)) + `<a href="${escapeHtml(url)}" style="color:#0b5394">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(line.slice(last));
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
