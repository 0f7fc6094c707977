import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "../../../lib/use-translation";
import { FieldErrors } from "../../../components/ui/form-field";
import { themeChoices, type ThemeCode } from "../theme-groups";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform infers each field's own shape
type Field = FieldMetadata<any, any, string[]>;

/**
 * The themes of an entry: the mediator's usual ones in view, the whole
 * national list (grouped, alphabetised) one keypress away in a <details>
 * that opens by itself when she has no usual themes yet or one of the
 * others is ticked. Plain checkboxes: no JavaScript needed.
 */
export function ThemePicker({ field, usual }: { field: Field; usual: readonly string[] }) {
  const { t, i18n } = useTranslation("mediation");
  const initial = field.initialValue as unknown;
  const checked = new Set(Array.isArray(initial) ? initial.map(String) : typeof initial === "string" && initial ? [initial] : []);
  const { usual: first, groups } = themeChoices(usual, (code: ThemeCode) => t(`vocab.thematique.${code}`), i18n.language);
  const othersTicked = groups.some((g) => g.themes.some((c) => checked.has(c.value)));
  const box = (c: { value: string; label: string }, i: number) => (
    <label className="choice" key={c.value}>
      <input type="checkbox" name={field.name} value={c.value} defaultChecked={checked.has(c.value)} id={i === 0 ? `${field.id}-first` : undefined} /> {c.label}
    </label>
  );
  return (
    <fieldset className="choices theme-picker" id={field.id} aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>
        {t("fields.themes")}
        <span className="required"> {t("common:form.required")}</span>
      </legend>
      {first.length > 0 ? (
        <div className="choice-list usual-themes" role="group" aria-label={t("form.usual_themes")}>
          {first.map(box)}
        </div>
      ) : null}
      <details className="all-themes" open={first.length === 0 || othersTicked}>
        <summary>{first.length > 0 ? t("form.other_themes") : t("form.all_themes")}</summary>
        {groups.map((g) => (
          <fieldset key={g.group} className="theme-group">
            <legend>{t(`theme_groups.${g.group}`)}</legend>
            <div className="choice-list">{g.themes.map((c, i) => box(c, first.length === 0 && g === groups[0] ? i : 1))}</div>
          </fieldset>
        ))}
      </details>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
