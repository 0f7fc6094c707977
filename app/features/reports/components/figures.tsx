import { useTranslation } from "../../../lib/use-translation";
import type { FigureValue } from "../dashboard-types";
import { changePercent, formatFigure } from "../format";
import type { FigureId } from "../indicators";
import { numberFormat } from "../../../lib/i18n";

/** Key figures of a section: value, previous period and the change in words. */
export function FigureList({ figures }: { figures: FigureValue[] }) {
  const { t, i18n } = useTranslation("reports");
  const locale = i18n.language;
  return (
    <dl className="figures">
      {figures.map((f) => {
        const label = t(`figures.${f.id as FigureId}`);
        if (!f.available) {
          return (
            <div key={f.id} className="figure unavailable">
              <dt>{label}</dt>
              <dd>
                <span className="figure-value">{t("figure.not_available")}</span>
                <span className="figure-compare">{t("figure.not_available_hint")}</span>
              </dd>
            </div>
          );
        }
        const pct = changePercent(f.value, f.previous);
        const formattedPct = pct === null ? "" : numberFormat(locale, { maximumFractionDigits: 1 }).format(Math.abs(pct));
        const change = f.previous === null ? null : pct === null ? t("figure.change_none") : pct > 0 ? t("figure.change_up", { pct: formattedPct }) : pct < 0 ? t("figure.change_down", { pct: formattedPct }) : t("figure.change_same");
        return (
          <div key={f.id} className="figure" data-figure={f.id}>
            <dt>{label}</dt>
            <dd>
              <span className="figure-value">{formatFigure(f, f.value, locale, t, "—")}</span>
              {f.previous !== null ? (
                <span className="figure-compare">
                  {t("figure.previous", { value: formatFigure(f, f.previous, locale, t, "—") })}
                  {change ? ` — ${change}` : null}
                </span>
              ) : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
