import { useTranslation } from "../../../../lib/use-translation";
import type { ImportRowReport, ImportStatus } from "../../import-offers.server";
import { TableScroll } from "../../../../components/ui/table-scroll";

/** The per-row report of an import: what became of each line, and why a line was not imported. */
export function ImportReport({ result }: { result: { report: ImportRowReport[]; counts: Record<ImportStatus, number> } }) {
  const { t } = useTranslation("jobs");
  return (
    <section aria-labelledby="import-report">
      <h2 id="import-report">{t("import.report")}</h2>
      <p role="status">
        {(["created", "updated", "unchanged", "error"] as const).map((k) => t(`import.counts.${k}`, { count: result.counts[k] })).join(", ")}.{" "}
        {t("import.summary_note")}
      </p>
      <TableScroll label={t("import.caption")}>
        <table className="data-table">
          <caption>{t("import.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.line")}</th>
              <th scope="col">{t("import.ref")}</th>
              <th scope="col">{t("import.offer_title")}</th>
              <th scope="col">{t("import.result")}</th>
            </tr>
          </thead>
          <tbody>
            {result.report.map((r) => (
              <tr key={r.line}>
                <th scope="row">{r.line}</th>
                <td>{r.ref}</td>
                <td>{r.title}</td>
                <td>
                  {t(`import.results.${r.status}`)}
                  {r.problems.length ? (
                    <ul>
                      {r.problems.map((p) => (
                        <li key={`${p.field}-${p.messageKey}`}>
                          {t("import.problem", {
                            field: t(`import.fields.${p.field}`, {
                              defaultValue: p.field,
                            }),
                            message: t(p.messageKey),
                          })}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
