import { Form } from "react-router";
import { useTranslation } from "../../../../lib/use-translation";
import { CONTRACTS, SECTORS, type OfferFilters } from "../../schemas-offers";

/** The list's filters: a GET form, so it works without JavaScript and the address can be shared. */
export function OfferFiltersForm({ filters, communes }: { filters: OfferFilters; communes: string[] }) {
  const { t } = useTranslation("jobs");
  return (
    <Form method="get" className="filters" aria-label={t("list.filters")}>
      <div className="field">
        <label htmlFor="f-sector">{t("list.sector")}</label>
        <select id="f-sector" name="sector" defaultValue={filters.sector ?? ""}>
          <option value="">{t("list.all_sectors")}</option>
          {SECTORS.map((s) => (
            <option key={s} value={s}>
              {t(`sectors.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-commune">{t("list.commune")}</label>
        <select id="f-commune" name="commune" defaultValue={filters.commune ?? ""}>
          <option value="">{t("list.all_communes")}</option>
          {communes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-contract">{t("list.contract")}</label>
        <select id="f-contract" name="contract" defaultValue={filters.contract ?? ""}>
          <option value="">{t("list.all_contracts")}</option>
          {CONTRACTS.map((c) => (
            <option key={c} value={c}>
              {t(`contracts.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <label className="choice">
        <input type="checkbox" name="noDiploma" value="1" defaultChecked={filters.noDiploma} /> {t("list.no_diploma")}
      </label>
      <button type="submit" className="button primary">
        {t("list.apply")}
      </button>
    </Form>
  );
}
