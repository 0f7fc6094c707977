import { useTranslation } from "../lib/use-translation";
import { data, Form, href, useLoaderData } from "react-router";
import { z } from "zod";
import { replyMessages, useActionReply } from "../components/ui/action-reply";
import type { Route } from "./+types/projects.class-import";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { cardSignInPath, formatAccessCode } from "../features/projects/cards.server";
import { getClassHeader, joinQrDataUrl } from "../features/projects/classes.server";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { AccessCards, type PrintableCard } from "../features/projects/components/access-cards";
import { IMPORT_MAX_ROWS, IMPORT_RULES, importPupils, readImportFile, type ImportRowReport } from "../features/projects/import.server";
import { handleForm, type ActionReply } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { publicUrl } from "../lib/public-url.server";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { schoolClass: await getClassHeader(context.get(dbContext), user, params.classId), maxRows: IMPORT_MAX_ROWS };
}

type ImportResult = { report: ImportRowReport[]; siteUrl: string; cards: PrintableCard[] };

// A file, or the list pasted in the text box (readImportFile says which one counts and why neither is there).
const ImportSchema = z.object({ fichier: z.any().optional(), contenu: z.string().optional() });

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  // Checks who asks before reading the body.
  await getClassHeader(db, user, params.classId);
  if (Number(request.headers.get("Content-Length") ?? 0) > IMPORT_RULES.maxBytes + 64 * 1024) {
    const tooLarge: ActionReply<ImportResult> = { status: "error", error: { "": ["files:errors.too_large"] }, values: { max: 1 }, form: "" };
    return data(tooLarge, { status: 413 });
  }
  // The pupils' names are not sent back: the report is what the page shows.
  return handleForm(
    request,
    ImportSchema,
    async (value): Promise<ImportResult> => {
      const csv = await readImportFile(value.fichier instanceof File ? value.fichier : null, value.contenu);
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
      return { report: report.map(({ cardCode: _, ...r }) => r), siteUrl, cards };
    },
    { hideFields: ["contenu"] },
  );
}

export default function ImportPupils() {
  const { t } = useTranslation("projects");
  const { schoolClass, maxRows } = useLoaderData<typeof loader>();
  const reply = useActionReply<ImportResult>();
  const result = reply?.data;
  const errors = replyMessages(reply);
  const report = result?.report ?? null;
  const created = report?.filter((r) => r.status === "created") ?? [];
  const failed = report?.filter((r) => r.status === "error") ?? [];
  const classUrl = href("/classes-scolaires/:classId", { classId: schoolClass.id });
  return (
    <div className="page">
      <PageTitle>{t("import.title")}</PageTitle>
      <Breadcrumbs items={[{ href: href("/classes-scolaires"), label: t("home.title_teacher") }, { href: classUrl, label: schoolClass.name }, { label: t("import.title") }]} />
      <h1>{t("import.title")}</h1>
      {errors.length ? (
        <div className="alert error" role="alert">
          {errors.map((key) => (
            <p key={key}>{t(key, reply?.values ?? {})}</p>
          ))}
        </div>
      ) : null}
      {report ? (
        <section aria-labelledby="report-heading" className="import-report">
          <h2 id="report-heading">{t("import.report_heading")}</h2>
          <div className={failed.length ? "alert notice" : "alert success"} role="status">
            <p>{t("import.summary", { count: created.length, failed: t("import.failed_lines", { count: failed.length }) })}</p>
          </div>
          <TableScroll label={t("import.report_caption")}>
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
          </TableScroll>
          {result ? <AccessCards cards={result.cards} siteUrl={result.siteUrl} className={schoolClass.name} /> : null}
          <p>
            <a href={classUrl}>{t("import.back_to_class")}</a>
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
