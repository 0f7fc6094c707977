import { useTranslation } from "../../../lib/use-translation";
import { formatDateTime } from "../../../lib/i18n";
import type { SourceWarning } from "../dashboard-types";

/** Which figures are not current and why, with the reference the log line carries. */
export function StaleSources({ warnings }: { warnings: SourceWarning[] }) {
  const { t, i18n } = useTranslation("reports");
  if (!warnings.length) return null;
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <div className="alert error" role="alert" data-stale-sources>
      <h2>{t("stale.title")}</h2>
      <ul>
        {warnings.map((w) => {
          const source = t(`sources.${w.source}`, { defaultValue: w.source });
          const text = w.failedAt
            ? w.refreshedAt
              ? t("stale.failed", { source, date: date(w.failedAt), since: date(w.refreshedAt), ref: w.errorRef ?? "-" })
              : t("stale.failed_never", { source, date: date(w.failedAt), ref: w.errorRef ?? "-" })
            : t("stale.old", { source, since: w.refreshedAt ? date(w.refreshedAt) : "-" });
          return (
            <li key={w.source} data-source={w.source}>
              {text}
            </li>
          );
        })}
      </ul>
      <p>{t("stale.hint")}</p>
    </div>
  );
}
