import { useTranslation } from "../../../lib/use-translation";
import { href } from "react-router";
import { formatDate } from "../../../lib/i18n";

/**
 * The business path's first step is the visibility pre-diagnostic: its
 * latest report when the person has one, else where to take it.
 */
export function BusinessDiagnosticCallout({
  diagnostic,
  locale,
}: {
  diagnostic: { id: string; takenAt: Date | string; overall: number } | null;
  locale: string;
}) {
  const { t } = useTranslation("paths");
  return (
    <section aria-labelledby="business-diagnostic-heading" className="callout">
      <h2 id="business-diagnostic-heading">{t("page.business_heading")}</h2>
      {diagnostic ? (
        <p>
          {t("page.business_taken", { date: formatDate(diagnostic.takenAt, locale), score: diagnostic.overall })}{" "}
          <a href={href("/diagnostic-entreprise/mes-rapports/:id", { id: diagnostic.id })}>{t("page.business_see")}</a>
        </p>
      ) : (
        <p>
          {t("page.business_none")} <a href={href("/diagnostic-entreprise")}>{t("page.business_take")}</a>
        </p>
      )}
    </section>
  );
}
