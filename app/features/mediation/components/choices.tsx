import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "../../../lib/use-translation";
import { FieldErrors } from "../../../components/ui/form-field";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform infers each field's own shape
type Field = FieldMetadata<any, any, string[]>;

export interface Choice {
  value: string;
  label: string;
}

function initialValues(field: Field): string[] {
  const v = field.initialValue as unknown;
  if (Array.isArray(v)) return v.map(String);
  return typeof v === "string" && v !== "" ? [v] : [];
}

/**
 * A fieldset of checkboxes or radio buttons sharing one name: works without
 * JavaScript, arrow keys move within radios, its errors are tied to the legend.
 */
export function ChoiceGroup({
  field,
  legend,
  choices,
  type = "checkbox",
  hint,
  required,
  columns,
}: {
  field: Field;
  legend: string;
  choices: Choice[];
  type?: "checkbox" | "radio";
  hint?: string;
  required?: boolean;
  columns?: boolean;
}) {
  const { t } = useTranslation();
  const checked = new Set(initialValues(field));
  const describedBy = [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className={columns ? "choices columns" : "choices"}
      aria-describedby={describedBy}
      id={field.id}
    >
      <legend>
        {legend}
        {required ? <span className="required"> {t("form.required")}</span> : null}
      </legend>
      {hint ? (
        <p className="hint" id={`${field.id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="choice-list">
        {choices.map((c, i) => (
          <label className="choice" key={c.value}>
            <input type={type} name={field.name} value={c.value} defaultChecked={checked.has(c.value)} id={i === 0 ? `${field.id}-first` : undefined} />{" "}
            {c.label}
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

/** A labelled select with an optional empty first option. */
export function SelectField({
  field,
  label,
  choices,
  emptyLabel,
  hint,
  required,
}: {
  field: Field;
  label: string;
  choices: Choice[];
  emptyLabel?: string;
  hint?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const hintId = hint ? `${field.id}-hint` : undefined;
  const describedBy = [hintId, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  const initial = initialValues(field)[0] ?? "";
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
      <select
        id={field.id}
        name={field.name}
        defaultValue={initial}
        aria-describedby={describedBy}
        aria-invalid={field.errors?.length ? true : undefined}
        required={required}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A labelled textarea with its errors. */
export function TextAreaField({ field, label, hint, rows = 3 }: { field: Field; label: string; hint?: string; rows?: number }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const describedBy = [hintId, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={field.id}
        name={field.name}
        rows={rows}
        defaultValue={initialValues(field)[0] ?? ""}
        aria-describedby={describedBy}
        aria-invalid={field.errors?.length ? true : undefined}
      />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}
