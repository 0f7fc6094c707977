import { useTranslation } from "../lib/use-translation";
import { data, Form, href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/activities";
import { useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { H5pDuplicateError, H5pPackageError } from "../features/h5p/errors";
import { UploadContentSchema } from "../features/h5p/schemas";
import { listContents, uploadContent } from "../features/h5p/service.server";
import type { ActionReply } from "../lib/action-reply";
import { handleForm } from "../lib/actions.server";
import { FieldError } from "../lib/errors";
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

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  // Refused before the body is read: a reply in the contract's shape, on the file field.
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_UPLOAD_BYTES + 64 * 1024) {
    return data<ActionReply>({ status: "error", error: { fichier: ["h5p:rejections.archive_too_large"] }, values: { max: 50 }, form: "" }, { status: 413 });
  }
  return handleForm(request, UploadContentSchema, async (value) => {
    try {
      const file = new Uint8Array(await value.fichier.arrayBuffer());
      const { contentId } = await uploadContent(context.get(dbContext), user, { file, title: value.titre, allowDuplicate: value.doublon === "oui" });
      return redirect(`${href("/activites/:contentId", { contentId })}?ajoutee=1`);
    } catch (error) {
      if (error instanceof H5pDuplicateError) {
        const { id, title, created_at } = error.existing;
        throw new FieldError("fichier", DUPLICATE_KEY, { id, title, createdAt: created_at.toISOString() }, 409);
      }
      if (error instanceof H5pPackageError) throw new FieldError("fichier", error.messageKey, error.values, error.status);
      throw error;
    }
  });
}

const DUPLICATE_KEY = "h5p:upload.duplicate";

export default function Activities() {
  const { t, i18n } = useTranslation("h5p");
  const { contents, canInstall } = useLoaderData<typeof loader>();
  const result = useActionReply();
  const failed = result?.status === "error" ? result : undefined;
  const message = failed?.error?.fichier?.[0];
  const duplicate = message === DUPLICATE_KEY ? (failed?.values as { id: string; title: string; createdAt: string }) : undefined;
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
            {t("upload.coordinator_hint")} <a href={href("/admin/h5p")}>{t("upload.libraries_link")}</a>
          </p>
        ) : null}
        {message && !duplicate ? (
          <div className="alert error" role="alert" id="upload-error">
            <p>{t(message, failed?.values ?? {})}</p>
          </div>
        ) : null}
        {duplicate ? (
          <div className="alert error" role="alert" id="upload-error">
            <p>{t("upload.duplicate", { title: duplicate.title, date: formatDate(new Date(duplicate.createdAt), i18n.language, { dateStyle: "long" }) })}</p>
            <p>
              <a href={href("/activites/:contentId", { contentId: duplicate.id })}>{t("upload.duplicate_open", { title: duplicate.title })}</a>
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
              aria-describedby={message ? "h5p-file-hint upload-error" : "h5p-file-hint"}
              aria-invalid={message ? true : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="h5p-title">{t("upload.title_field")}</label>
            <p className="hint" id="h5p-title-hint">
              {t("upload.title_hint")}
            </p>
            <input id="h5p-title" name="titre" type="text" maxLength={255} aria-describedby="h5p-title-hint" />
          </div>
          {duplicate ? (
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
          <TableScroll label={t("list.heading")}>
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
                      <a href={href("/activites/:contentId", { contentId: c.id })}>{c.title}</a>
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
          </TableScroll>
        )}
      </section>
    </div>
  );
}
