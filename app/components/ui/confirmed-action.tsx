import { useTranslation } from "../../lib/use-translation";
import { Form } from "react-router";

/** The checkbox value an action must receive before it does something that cannot be undone. */
export const CONFIRMED = "on";

export const isConfirmed = (form: FormData) => form.get("confirm") === CONFIRMED;

/**
 * A form for an action that cannot be undone (cancel a class or a workshop,
 * delete an account): the button only works once the box saying what will
 * happen is ticked — checked again by the action, so it holds without
 * JavaScript. `error` is the i18n key the action answered with.
 */
export function ConfirmedActionForm({
  id,
  intent,
  confirmLabel,
  submitLabel,
  error,
}: {
  id: string;
  intent: string;
  confirmLabel: string;
  submitLabel: string;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const errorId = `${id}-error`;
  return (
    <Form method="post" className="stack">
      {error ? (
        <p className="field-errors" id={errorId} role="alert">
          {t(error)}
        </p>
      ) : null}
      <label className="choice">
        <input type="checkbox" name="confirm" value={CONFIRMED} aria-describedby={error ? errorId : undefined} /> {confirmLabel}
      </label>
      <button type="submit" name="intent" value={intent} className="button danger">
        {submitLabel}
      </button>
    </Form>
  );
}
