import { FilterCheckbox, FilterForm, FilterSelect } from "../../../../components/ui/filters";
import { useTranslation } from "../../../../lib/use-translation";
import { CONTRACTS, SECTORS, type OfferFilters } from "../../schemas-offers";

/** The list's filters: sector, commune, contract and « sans diplôme ». */
export function OfferFiltersForm({ filters, communes }: { filters: OfferFilters; communes: string[] }) {
  const { t } = useTranslation("jobs");
  return (
    <FilterForm label={t("list.filters")} apply={t("list.apply")}>
      <FilterSelect
        name="sector"
        label={t("list.sector")}
        anyLabel={t("list.all_sectors")}
        value={filters.sector}
        options={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
      />
      <FilterSelect
        name="commune"
        label={t("list.commune")}
        anyLabel={t("list.all_communes")}
        value={filters.commune}
        options={communes.map((c) => ({ value: c, label: c }))}
      />
      <FilterSelect
        name="contract"
        label={t("list.contract")}
        anyLabel={t("list.all_contracts")}
        value={filters.contract}
        options={CONTRACTS.map((c) => ({ value: c, label: t(`contracts.${c}`) }))}
      />
      <FilterCheckbox name="noDiploma" label={t("list.no_diploma")} checked={Boolean(filters.noDiploma)} />
    </FilterForm>
  );
}
