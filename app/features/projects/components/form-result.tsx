import { useActionReply, replyMessages } from "../../../components/ui/action-reply";
import type { ActionReply } from "../../../lib/action-reply";
import { useTranslation } from "../../../lib/use-translation";

/** A freshly issued access card, to print (what the class page's "new-card" form hands back). */
export interface IssuedCard {
  firstName: string;
  code: string;
  qr: string;
}

/**
 * The reply of the page's form posted with `intent` — and, for a form
 * repeated on the page (one per task, per pupil…), only the copy whose
 * `field` was `id` (the answers sent come back in the reply).
 */
export function useIntentReply<T = unknown>(intent: string, item?: { field: string; id: string }): ActionReply<T> | undefined {
  const reply = useActionReply<T>(intent);
  return item ? replyFor(reply, item.field, item.id) : reply;
}

/** The reply, if it answers the copy of a repeated form whose `field` was `id`. */
export function replyFor<T>(reply: ActionReply<T> | undefined, field: string, id: string): ActionReply<T> | undefined {
  return reply?.initialValue?.[field] === id ? reply : undefined;
}

/**
 * An error (role=alert) or a confirmation (role=status) for one of a page's
 * small forms. Kept as plain paragraphs rather than the error summary: these
 * forms have one or two fields, the message sits right beside them.
 */
export function IntentMessage({ reply, okKey }: { reply: ActionReply | undefined; okKey?: string }) {
  const { t } = useTranslation("projects");
  if (!reply) return null;
  if (reply.status === "success") {
    return okKey ? (
      <div className="alert success" role="status">
        <p>{t(okKey)}</p>
      </div>
    ) : null;
  }
  const keys = [...new Set(replyMessages(reply))];
  if (!keys.length) return null;
  return (
    <div className="alert error" role="alert">
      {keys.map((k) => (
        <p key={k}>{t(k, reply.values ?? {})}</p>
      ))}
    </div>
  );
}
