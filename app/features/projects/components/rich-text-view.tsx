import { useTranslation } from "../../../lib/use-translation";
import { renderRichText } from "../../courses/rich-text/render";

/**
 * A brief or a team document, rendered through the courses domain's
 * allow-list renderer (the only renderer of tiptap JSON in the app).
 */
export function RichTextView({ doc, emptyText, className = "rich-text" }: { doc: unknown; emptyText?: string; className?: string }) {
  const { t } = useTranslation("courses");
  const nodes = renderRichText(doc, { t: (key, values) => t(key, values ?? {}) });
  if (nodes.length === 0) return emptyText ? <p className="hint">{emptyText}</p> : null;
  return <div className={className}>{nodes}</div>;
}
