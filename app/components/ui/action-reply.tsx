import { useTranslation } from "../../lib/use-translation";
import { useActionData } from "react-router";
import type { ActionReply } from "../../lib/action-reply";
import { ErrorSummaryBox, summaryItems } from "./error-summary";

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
 * The outcome of one of a page's small forms: on failure the error summary
 * (role=alert, focused, each message linked to its field when `formId` names
 * the conform form), on success the confirmation `okKey` (role=status).
 */
export function ActionMessage({
  reply,
  okKey,
  okValues,
  formId,
}: {
  reply: ActionReply | undefined;
  okKey?: string;
  okValues?: Record<string, string | number>;
  formId?: string;
}) {
  const { t } = useTranslation();
  if (!reply) return null;
  if (reply.status === "success") {
    return okKey ? (
      <div className="alert success" role="status">
        <p>{t(okKey, okValues ?? {})}</p>
      </div>
    ) : null;
  }
  return <ErrorSummaryBox id={formId ? `${formId}-error` : undefined} items={summaryItems(reply.error, formId)} values={reply.values} />;
}
