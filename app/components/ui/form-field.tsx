import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "../../lib/use-translation";

interface FormFieldProps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform infers each field's own shape
  field: FieldMetadata<any, any, string[]>;
  label: string;
  type?: "text" | "email" | "password" | "search" | "tel" | "number" | "date" | "datetime-local" | "url";
  hint?: string;
  autoComplete?: string;
  required?: boolean;
}

/** A labelled input with its hint and its translated errors, wired for screen readers. */
export function FormField({ field, label, type = "text", hint, autoComplete, required }: FormFieldProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>
        {label}
        {required ? <span className="required"> {t("form.required")}</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} required={required} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul className="field-errors" id={id}>
      {errors.map((key) => (
        <li key={key}>{t(key)}</li>
      ))}
    </ul>
  );
}
