import type { ReactNode } from "react";
import { Form } from "react-router";

/**
 * A one-button form posting an `intent` and a few hidden values (an id, the
 * person a mediator acts for): the shape of most small actions on a list.
 * Fields whose value is null or undefined are left out.
 */
export function IntentButton({
  intent,
  fields = {},
  action,
  variant = "secondary",
  ariaLabel,
  children,
}: {
  intent: string;
  fields?: Record<string, string | null | undefined>;
  action?: string;
  variant?: "primary" | "secondary" | "plain";
  ariaLabel?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" action={action}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (value == null ? null : <input key={name} type="hidden" name={name} value={value} />))}
      <button type="submit" className={variant === "plain" ? "button" : `button ${variant}`} aria-label={ariaLabel}>
        {children}
      </button>
    </Form>
  );
}
