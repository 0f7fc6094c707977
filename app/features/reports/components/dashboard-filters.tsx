import { useTranslation } from "../../../lib/use-translation";
import { Form, href } from "react-router";
import type { DashboardData } from "../dashboard-types";

export interface FilterValues {
  debut?: string;
  fin?: string;
  lieu?: string;
  commune?: string;
  public?: string;
}

/** The period and filters, as a GET form: the URL is the state (bookmarkable, no JavaScript). */
export function DashboardFilters({
  values,
  options,
  errors,
}: {
  values: FilterValues;
  options: DashboardData["options"];
  errors: Record<string, string> | null;
}) {
  const { t } = useTranslation("reports");
  const error = (name: string) =>
    errors?.[name] ? (
      <p id={`f-${name}-error`} className="field-errors">
        {t(errors[name]!)}
      </p>
    ) : null;
  const described = (name: string, hint?: string) => [hint, errors?.[name] ? `f-${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Form method="get" action={href("/tableau-de-bord")} className="report-filters">
      <fieldset>
        <legend>{t("filters.legend")}</legend>
        <p id="f-month-hint" className="hint">
          {t("filters.month_hint")}
        </p>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="f-debut">{t("filters.from")}</label>
            <input
              id="f-debut"
              type="month"
              name="debut"
              defaultValue={values.debut}
              min="2017-01"
              aria-describedby={described("debut", "f-month-hint")}
              aria-invalid={errors?.debut ? true : undefined}
            />
            {error("debut")}
          </div>
          <div className="field">
            <label htmlFor="f-fin">{t("filters.to")}</label>
            <input
              id="f-fin"
              type="month"
              name="fin"
              defaultValue={values.fin}
              min="2017-01"
              aria-describedby={described("fin", "f-month-hint")}
              aria-invalid={errors?.fin ? true : undefined}
            />
            {error("fin")}
          </div>
          <div className="field">
            <label htmlFor="f-lieu">{t("filters.space")}</label>
            <select id="f-lieu" name="lieu" defaultValue={values.lieu ?? ""} aria-describedby={described("lieu")}>
              <option value="">{t("filters.all_spaces")}</option>
              {options.spaces.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {error("lieu")}
          </div>
          <div className="field">
            <label htmlFor="f-commune">{t("filters.commune")}</label>
            <select id="f-commune" name="commune" defaultValue={values.commune ?? ""} aria-describedby={described("commune")}>
              <option value="">{t("filters.all_communes")}</option>
              {options.communes.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            {error("commune")}
          </div>
          <div className="field">
            <label htmlFor="f-public">{t("filters.audience")}</label>
            <select id="f-public" name="public" defaultValue={values.public ?? ""} aria-describedby={described("public")}>
              <option value="">{t("filters.all_audiences")}</option>
              {options.audiences.map((a) => (
                <option key={a} value={a}>
                  {t(`categories.audiences.${a}`)}
                </option>
              ))}
            </select>
            {error("public")}
          </div>
        </div>
        <p className="actions">
          <button type="submit" className="button primary">
            {t("filters.submit")}
          </button>
          <a href={href("/tableau-de-bord")}>{t("filters.reset")}</a>
        </p>
      </fieldset>
    </Form>
  );
}
