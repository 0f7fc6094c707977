import { Form } from "react-router";
import { ActionMessage } from "../../../components/ui/action-reply";
import type { ActionReply } from "../../../lib/action-reply";
import { formatDateTime } from "../../../lib/i18n";
import { useTranslation } from "../../../lib/use-translation";

export interface ToolKeySummary {
  kid: string;
  createdAt: string;
  retiredAt: string | null;
  publishedUntil: string | null;
}

/** The tool's signing keys on /admin/lti, and the button that rotates them (decision 048). */
export function ToolKeys({ keys, reply }: { keys: ToolKeySummary[]; reply: ActionReply | undefined }) {
  const { t, i18n } = useTranslation("lti");
  return (
    <section aria-labelledby="tool-keys-heading" className="card">
      <h2 id="tool-keys-heading">{t("keys.heading")}</h2>
      <p>{t("keys.intro")}</p>
      <ActionMessage reply={reply} okKey="lti:keys.rotated" />
      <ul className="tool-keys">
        {keys.map((k) => (
          <li key={k.kid}>
            {k.publishedUntil ? t("keys.retired", { date: formatDateTime(k.publishedUntil, i18n.language) }) : t("keys.active", { date: formatDateTime(k.createdAt, i18n.language) })}
            <br />
            <span className="visually-hidden">{t("keys.kid")} </span>
            <code>{k.kid}</code>
          </li>
        ))}
      </ul>
      <Form method="post">
        <input type="hidden" name="intent" value="rotate_key" />
        <p id="rotate-key-hint">{t("keys.rotate_hint")}</p>
        <button type="submit" className="button secondary" aria-describedby="rotate-key-hint">
          {t("keys.rotate")}
        </button>
      </Form>
    </section>
  );
}
