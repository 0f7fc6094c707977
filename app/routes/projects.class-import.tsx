import { useTranslation } from "../lib/use-translation";
import { data, Form, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/projects.class-import";
import { PageTitle } from "../components/ui/page-title";
import { cardSignInPath, formatAccessCode } from "../features/projects/cards.server";
import { getClassHeader, joinQrDataUrl } from "../features/projects/classes.server";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { AccessCards, type PrintableCard } from "../features/projects/components/access-cards";
import { IMPORT_MAX_ROWS, IMPORT_RULES, importPupils, readImportFile, type ImportRowReport } from "../features/projects/import.server";
import { dbContext } from "../lib/context";
import { publicUrl } from "../lib/public-url.server";
import { appErrorStatus, isAppError } from "../lib/errors";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { schoolClass: await getClassHeader(context.get(dbContext), user, params.classId), maxRows: IMPORT_MAX_ROWS };
}

type ActionData = { report: ImportRowReport[]; siteUrl: string; cards: PrintableCard[] } | { errorKey: string; values?: Record<string, string | number> };

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  // Checks who asks before reading the body.
  await getClassHeader(db, user, params.classId);
  if (Number(request.headers.get("Content-Length") ?? 0) > IMPORT_RULES.maxBytes + 64 * 1024) {
    return data<ActionData>({ errorKey: "files:errors.too_large", values: { max: 1 } }, { status: 413 });
  }
  try {
    const form = await request.formData();
    const file = form.get("fichier");
    const pasted = form.get("contenu");
    const csv = await readImportFile(file instanceof File ? file : null, typeof pasted === "string" ? pasted : undefined);
    const report = await importPupils(db, user, params.classId, csv);
    const siteUrl = publicUrl();
    const cards = await Promise.all(
      report
        .filter((r) => r.status === "created" && r.cardCode)
        .map(async (r) => ({
          seatNumber: r.seatNumber,
          firstName: r.firstName,
          code: formatAccessCode(r.cardCode!),
          qr: await joinQrDataUrl(`${siteUrl}${cardSignInPath(r.cardCode!)}`),
        })),
    );
    // The codes travel once, to this page; the report itself does not repeat them.
    return data<ActionData>({ report: report.map(({ cardCode: _, ...r }) => r), siteUrl, cards });
  } catch (error) {
    if (isAppError(error) && appErrorStatus(error) < 500 && appErrorStatus(error) !== 404 && appErrorStatus(error) !== 403) {
      return data<ActionData>({ errorKey: error.data.messageKey, values: error.data.values }, { status: appErrorStatus(error) });
    }
    throw error;
  }
}

export default function ImportPupils() {
  const { t } = useTranslation("projects");
  const { schoolClass, maxRows } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const report = result && "report" in result ? result.report : null;
  const created = report?.filter((r) => r.status === "created") ?? [];
  const failed = report?.filter((r) => r.status === "error") ?? [];
  const base = `/classes-scolaires/${schoolClass.id}`;
  return (
    <div className="page">
      <PageTitle>{t("import.title")}</PageTitle>
      <Breadcrumbs items={[{ href: "/classes-scolaires", label: t("home.title_teacher") }, { href: base, label: schoolClass.name }, { label: t("import.title") }]} />
      <h1>{t("import.title")}</h1>
      {result && "errorKey" in result ? (
        <div className="alert error" role="alert">
          <p>{t(result.errorKey, result.values ?? {})}</p>
        </div>
      ) : null}
      {report ? (
        <section aria-labelledby="report-heading" className="import-report">
          <h2 id="report-heading">{t("import.report_heading")}</h2>
          <div className={failed.length ? "alert notice" : "alert success"} role="status">
            <p>{t("import.summary", { count: created.length, failed: t("import.failed_lines", { count: failed.length }) })}</p>
          </div>
          <table className="data-table">
            <caption>{t("import.report_caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("import.col_line")}</th>
                <th scope="col">{t("import.col_name")}</th>
                <th scope="col">{t("import.col_outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {report.map((r) => (
                <tr key={r.line} className={r.status === "error" ? "row-error" : undefined}>
                  <td>{r.line}</td>
                  <td>{[r.firstName, r.lastName].filter(Boolean).join(" ") || "—"}</td>
                  <td>{r.status === "created" ? t("import.created", { number: r.seatNumber }) : t(`import.reasons.${r.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result && "cards" in result ? <AccessCards cards={result.cards} siteUrl={result.siteUrl} className={schoolClass.name} /> : null}
          <p>
            <a href={base}>{t("import.back_to_class")}</a>
          </p>
        </section>
      ) : null}
      {!schoolClass.archived ? (
        <section aria-labelledby="form-heading" className="no-print">
          <h2 id="form-heading">{report ? t("import.again") : t("import.form_heading")}</h2>
          <p>{t("import.explain", { max: maxRows })}</p>
          <pre className="csv-example" aria-label={t("import.example_label")}>{t("import.example")}</pre>
          <Form method="post" encType="multipart/form-data" className="stack">
            <div className="field">
              <label htmlFor="import-file">{t("import.file_label")}</label>
              <p className="hint" id="import-file-hint">
                {t("import.file_hint")}
              </p>
              <input id="import-file" type="file" name="fichier" accept=".csv,text/csv,text/plain" aria-describedby="import-file-hint" />
            </div>
            <div className="field">
              <label htmlFor="import-text">{t("import.paste_label")}</label>
              <textarea id="import-text" name="contenu" rows={6} />
            </div>
            <button type="submit" className="button primary">
              {t("import.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
