import { useTranslation } from "react-i18next";
import { useActionData } from "react-router";
import type { ActionReply } from "../../lib/action-reply";

/**
 * The reply of the form named `form` (its `intent`, or "" for a page's only
 * form) — undefined when another of the page's forms posted.
 */
export function useActionReply<T = unknown>(form = ""): ActionReply<T> | undefined {
  const reply = useActionData() as ActionReply<T> | undefined;
  return reply && typeof reply === "object" && "form" in reply && reply.form === form ? reply : undefined;
}

/** Every message a reply carries, form-level first. */
export function replyMessages(reply: ActionReply | undefined): string[] {
  if (!reply?.error) return [];
  const { "": formErrors, ...fieldErrors } = reply.error;
  return [...(formErrors ?? []), ...Object.values(fieldErrors).flatMap((errors) => errors ?? [])];
}

/**
 * The outcome of one of a page's small forms: its errors (role=alert) or, on
 * success, the confirmation `okKey` (role=status). Forms built with conform's
 * useForm show their errors beside the fields instead.
 */
export function ActionMessage({ reply, okKey, okValues }: { reply: ActionReply | undefined; okKey?: string; okValues?: Record<string, string | number> }) {
  const { t } = useTranslation();
  if (!reply) return null;
  if (reply.status === "success") {
    return okKey ? (
      <div className="alert success" role="status">
        <p>{t(okKey, okValues ?? {})}</p>
      </div>
    ) : null;
  }
  const messages = replyMessages(reply);
  if (!messages.length) return null;
  return (
    <div className="alert error" role="alert">
      {messages.map((key) => (
        <p key={key}>{t(key, reply.values ?? {})}</p>
      ))}
    </div>
  );
}
