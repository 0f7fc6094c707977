import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "../../../lib/use-translation";
import { FieldErrors, FormField } from "../../../components/ui/form-field";
import { AUDIENCES, LEVELS, PIX_COMPETENCES, pixKey, THEMES } from "../vocabulary";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform infers each field's own shape
type Field = FieldMetadata<any, any, string[]>;

/** Values a multi-valued field holds after a failed post (conform) or from the saved course. */
function chosen(field: Field): string[] {
  const value = field.initialValue as unknown;
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? [value] : [];
}

function Choices({ field, legend, hint, options, type, required }: {
  field: Field;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  type: "checkbox" | "radio";
  required?: boolean;
}) {
  const { t } = useTranslation();
  const values = chosen(field);
  const hintId = hint ? `${field.id}-hint` : undefined;
  const describedBy = [hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`choices ${options.length > 6 ? "columns" : ""}`} aria-describedby={describedBy} aria-invalid={field.errors?.length ? true : undefined}>
      <legend>
        {legend}
        {required ? <span className="required"> {t("form.required")}</span> : null}
      </legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type={type} name={field.name} value={o.value} defaultChecked={values.includes(o.value)} /> {o.label}
        </label>
      ))}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export type CourseField = "title" | "slug" | "summary" | "objectives" | "audiences" | "themes" | "competences" | "level";

export function CourseDetailsFields({ fields }: { fields: Record<CourseField, Field> }) {
  const { t } = useTranslation("courses");
  const objectives = fields.objectives.initialValue as unknown;
  return (
    <>
      <FormField field={fields.title} label={t("fields.title")} required />
      <FormField field={fields.slug} label={t("fields.slug")} hint={t("fields.slug_hint")} />
      <div className="field">
        <label htmlFor={fields.summary.id}>{t("fields.summary")}</label>
        <p className="hint" id={`${fields.summary.id}-hint`}>
          {t("fields.summary_hint")}
        </p>
        <textarea
          id={fields.summary.id}
          name={fields.summary.name}
          defaultValue={(fields.summary.initialValue as string | undefined) ?? ""}
          rows={3}
          aria-describedby={`${fields.summary.id}-hint`}
          aria-invalid={fields.summary.errors?.length ? true : undefined}
        />
        <FieldErrors id={fields.summary.errorId} errors={fields.summary.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.objectives.id}>{t("fields.objectives")}</label>
        <p className="hint" id={`${fields.objectives.id}-hint`}>
          {t("fields.objectives_hint")}
        </p>
        <textarea
          id={fields.objectives.id}
          name={fields.objectives.name}
          defaultValue={Array.isArray(objectives) ? objectives.join("\n") : ((objectives as string | undefined) ?? "")}
          rows={4}
          aria-describedby={`${fields.objectives.id}-hint`}
        />
        <FieldErrors id={fields.objectives.errorId} errors={fields.objectives.errors} />
      </div>
      <Choices
        field={fields.audiences}
        legend={t("fields.audiences")}
        type="checkbox"
        required
        options={AUDIENCES.map((a) => ({ value: a, label: t(`audiences.${a}`) }))}
      />
      <Choices field={fields.level} legend={t("fields.level")} type="radio" required options={LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))} />
      <Choices
        field={fields.themes}
        legend={t("fields.themes")}
        hint={t("fields.themes_hint")}
        type="checkbox"
        options={THEMES.map((code) => ({ value: code, label: t(`themes.${code}`) }))}
      />
      <Choices
        field={fields.competences}
        legend={t("fields.competences")}
        hint={t("fields.competences_hint")}
        type="checkbox"
        options={PIX_COMPETENCES.map((code) => ({ value: code, label: `${code} ${t(pixKey(code))}` }))}
      />
    </>
  );
}
