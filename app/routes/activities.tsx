import { useTranslation } from "../lib/use-translation";
import { data, Form, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/activities";
import { PageTitle } from "../components/ui/page-title";
import { H5pDuplicateError, H5pPackageError } from "../features/h5p/errors";
import { listContents, uploadContent } from "../features/h5p/service.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { can } from "../lib/permissions";
import { requireUser } from "../lib/session.server";
import h5pCss from "../styles/h5p.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: h5pCss }];

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const contents = await listContents(context.get(dbContext), user);
  return { contents, canInstall: can(user, "install:h5p_library:any") };
}

type UploadError = { key: string; values?: Record<string, string | number> };
type Duplicate = { id: string; title: string; createdAt: string };

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_UPLOAD_BYTES + 64 * 1024) {
    return data<{ error: UploadError }>({ error: { key: "h5p:rejections.archive_too_large", values: { max: 50 } } }, { status: 413 });
  }
  const form = await request.formData();
  const file = form.get("fichier");
  const title = String(form.get("titre") ?? "").slice(0, 255);
  const allowDuplicate = form.get("doublon") === "oui";
  if (!(file instanceof File) || file.size === 0) {
    return data<{ error: UploadError }>({ error: { key: "h5p:upload.file_required" } }, { status: 400 });
  }
  try {
    const { contentId } = await uploadContent(context.get(dbContext), user, { file: new Uint8Array(await file.arrayBuffer()), title, allowDuplicate });
    return redirect(`/activites/${contentId}?ajoutee=1`);
  } catch (error) {
    if (error instanceof H5pDuplicateError) {
      const { id, title: existing, created_at } = error.existing;
      return data<{ duplicate: Duplicate }>({ duplicate: { id, title: existing, createdAt: created_at.toISOString() } }, { status: 409 });
    }
    if (error instanceof H5pPackageError) {
      return data<{ error: UploadError }>({ error: { key: error.messageKey, values: error.values } }, { status: error.status });
    }
    throw error;
  }
}

export default function Activities() {
  const { t, i18n } = useTranslation("h5p");
  const { contents, canInstall } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page">
      <PageTitle>{t("list.title")}</PageTitle>
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>

      <section aria-labelledby="upload-heading" className="card">
        <h2 id="upload-heading">{t("upload.title")}</h2>
        <p>{t("upload.intro")}</p>
        {canInstall ? (
          <p>
            {t("upload.coordinator_hint")} <a href="/admin/h5p">{t("upload.libraries_link")}</a>
          </p>
        ) : null}
        {result && "error" in result ? (
          <div className="alert error" role="alert" id="upload-error">
            <p>{t(result.error.key, result.error.values ?? {})}</p>
          </div>
        ) : null}
        {result && "duplicate" in result ? (
          <div className="alert error" role="alert" id="upload-error">
            <p>{t("upload.duplicate", { title: result.duplicate.title, date: formatDate(new Date(result.duplicate.createdAt), i18n.language, { dateStyle: "long" }) })}</p>
            <p>
              <a href={`/activites/${result.duplicate.id}`}>{t("upload.duplicate_open", { title: result.duplicate.title })}</a>
            </p>
            <p>{t("upload.duplicate_copy_hint")}</p>
          </div>
        ) : null}
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className="field">
            <label htmlFor="h5p-file">
              {t("upload.file")} <span className="required">{t("common:form.required")}</span>
            </label>
            <p className="hint" id="h5p-file-hint">
              {t("upload.file_hint")}
            </p>
            <input
              id="h5p-file"
              name="fichier"
              type="file"
              accept=".h5p,application/zip"
              required
              aria-describedby={result ? "h5p-file-hint upload-error" : "h5p-file-hint"}
              aria-invalid={result ? true : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="h5p-title">{t("upload.title_field")}</label>
            <p className="hint" id="h5p-title-hint">
              {t("upload.title_hint")}
            </p>
            <input id="h5p-title" name="titre" type="text" maxLength={255} aria-describedby="h5p-title-hint" />
          </div>
          {result && "duplicate" in result ? (
            <div className="field">
              <label className="choice">
                <input type="checkbox" name="doublon" value="oui" /> {t("upload.duplicate_copy")}
              </label>
            </div>
          ) : null}
          <button type="submit" className="button primary">
            {t("upload.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("list.heading")}</h2>
        {contents.length === 0 ? (
          <p>{t("list.empty")}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t("list.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.activity")}</th>
                <th scope="col">{t("list.type")}</th>
                <th scope="col">{t("list.author")}</th>
                <th scope="col">{t("list.added")}</th>
                <th scope="col">{t("list.id")}</th>
              </tr>
            </thead>
            <tbody>
              {contents.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={`/activites/${c.id}`}>{c.title}</a>
                  </td>
                  <td>{c.main_library}</td>
                  <td>{c.author ?? t("list.unknown_author")}</td>
                  <td>{formatDate(c.created_at, i18n.language)}</td>
                  <td>
                    <code>{c.id}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
