import { useTranslation } from "../../../lib/use-translation";
import { Form } from "react-router";
import { personLabel, type PersonChoice } from "../person-label";

/** The `?personne=` search that narrows a list of people to choose from. */
export const PERSON_SEARCH_PARAM = "personne";

/**
 * A search by name (a GET form: works without JavaScript) that narrows the
 * people offered by a choice list below it, and says so when the list was
 * cut, rather than silently leaving people out.
 */
export function PersonSearch({ id, search, more }: { id: string; search: string; more: boolean }) {
  const { t } = useTranslation("mediation");
  return (
    <Form method="get" className="filters person-search" role="search" aria-label={t("person_search.label")}>
      <div className="field">
        <label htmlFor={id}>{t("person_search.label")}</label>
        <input id={id} type="search" name={PERSON_SEARCH_PARAM} defaultValue={search} autoComplete="off" aria-describedby={more ? `${id}-more` : undefined} />
      </div>
      <button type="submit" className="button">
        {t("person_search.submit")}
      </button>
      {more ? (
        <p className="hint" id={`${id}-more`}>
          {t("person_search.more")}
        </p>
      ) : null}
      {search ? <p className="hint">{t("person_search.showing", { search })}</p> : null}
    </Form>
  );
}

/** One person chosen from a list, posted with an `intent` (book on someone's behalf, add a walk-in). */
export function PersonChoiceForm({
  id,
  intent,
  people,
  label,
  chooseLabel,
  submitLabel,
}: {
  id: string;
  intent: string;
  people: PersonChoice[];
  label: string;
  chooseLabel: string;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation("mediation");
  return (
    <Form method="post" className="filters">
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select id={id} name="userId" defaultValue="">
          <option value="">{chooseLabel}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {personLabel(p, t, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button primary">
        {submitLabel}
      </button>
    </Form>
  );
}
