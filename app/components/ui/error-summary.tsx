import type { FormMetadata } from "@conform-to/react";
import { useTranslation } from "../../lib/use-translation";

export interface SummaryItem {
  /** i18n key of the message. */
  key: string;
  /** The id of the field to go to, when the message is about one answer. */
  fieldId?: string;
}

/**
 * What is wrong with a posted form, at its top (the error summary of
 * public-service design systems): announced (role=alert), focused when the
 * page loads — `autofocus` is written into the server's HTML, so this works
 * without JavaScript — and each message links to its field.
 */
export function ErrorSummaryBox({ id, items, values }: { id?: string; items: SummaryItem[]; values?: Record<string, string | number> }) {
  const { t } = useTranslation();
  if (!items.length) return null;
  const titleId = `${id ?? "error-summary"}-title`;
  return (
    <div className="alert error error-summary" role="alert" id={id} tabIndex={-1} autoFocus aria-labelledby={titleId}>
      <h2 id={titleId}>{t("form.error_summary", { count: items.length })}</h2>
      <ul>
        {items.map((item) => (
          <li key={`${item.fieldId ?? ""}:${item.key}`}>
            {item.fieldId ? <a href={`#${item.fieldId}`}>{t(item.key, values ?? {})}</a> : t(item.key, values ?? {})}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The items of a reply's errors: form-level first, then one per answer in
 * the form's order, linked to the field conform names `<formId>-<name>`.
 */
export function summaryItems(errors: Record<string, string[] | null | undefined> | null | undefined, formId?: string): SummaryItem[] {
  if (!errors) return [];
  const items: SummaryItem[] = [];
  for (const key of errors[""] ?? []) items.push({ key });
  for (const [name, keys] of Object.entries(errors)) {
    if (name === "") continue;
    for (const key of keys ?? []) items.push(formId ? { key, fieldId: `${formId}-${name}` } : { key });
  }
  return items;
}

/** The summary of a form built with conform's `useForm`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form's shape
export function ErrorSummary({ form, values }: { form: FormMetadata<any, string[]>; values?: Record<string, string | number> }) {
  const errors: Record<string, string[]> = { "": form.errors ?? [], ...form.allErrors };
  return <ErrorSummaryBox id={form.errorId} items={summaryItems(errors, form.id)} values={values} />;
}
