import { useTranslation } from "../lib/use-translation";
import { data, Form, useLoaderData } from "react-router";
import type { Route } from "./+types/admin.h5p";
import { useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { H5pPackageError } from "../features/h5p/errors";
import { InstallLibrariesSchema } from "../features/h5p/schemas";
import { installLibraries, listLibraries } from "../features/h5p/service.server";
import type { ActionReply } from "../lib/action-reply";
import { handleForm } from "../lib/actions.server";
import { FieldError } from "../lib/errors";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** Coordinators install H5P libraries (code): from a .h5p that carries them. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { libraries: await listLibraries(context.get(dbContext), user) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  // Refused before the body is read: a reply in the contract's shape, on the file field.
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_UPLOAD_BYTES + 64 * 1024) {
    return data<ActionReply<{ installed: string[] }>>(
      { status: "error", error: { fichier: ["h5p:rejections.archive_too_large"] }, values: { max: 50 }, form: "" },
      { status: 413 },
    );
  }
  return handleForm(request, InstallLibrariesSchema, async (value) => {
    try {
      const { installed } = await installLibraries(context.get(dbContext), user, new Uint8Array(await value.fichier.arrayBuffer()));
      return { installed };
    } catch (error) {
      if (error instanceof H5pPackageError) throw new FieldError("fichier", error.messageKey, error.values, error.status);
      throw error;
    }
  });
}

export default function AdminH5p() {
  const { t, i18n } = useTranslation("h5p");
  const { libraries } = useLoaderData<typeof loader>();
  const result = useActionReply<{ installed: string[] }>();
  const message = result?.status === "error" ? result.error?.fichier?.[0] : undefined;
  const installed = result?.status === "success" ? result.data?.installed : undefined;
  return (
    <div className="page">
      <PageTitle>{t("libraries.title")}</PageTitle>
      <h1>{t("libraries.title")}</h1>
      <p className="lead">{t("libraries.intro")}</p>
      {message ? (
        <div className="alert error" role="alert" id="install-error">
          <p>{t(message, result?.values ?? {})}</p>
        </div>
      ) : null}
      {installed ? (
        <div className="alert success" role="status">
          <p>{installed.length ? t("libraries.installed", { list: installed.join(", ") }) : t("libraries.nothing_new")}</p>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="stack card">
        <div className="field">
          <label htmlFor="library-file">
            {t("libraries.file")} <span className="required">{t("common:form.required")}</span>
          </label>
          <p className="hint" id="library-file-hint">
            {t("libraries.file_hint")}
          </p>
          <input id="library-file" name="fichier" type="file" accept=".h5p,application/zip" required aria-describedby="library-file-hint" />
        </div>
        <button type="submit" className="button primary">
          {t("libraries.submit")}
        </button>
      </Form>
      <h2>{t("libraries.heading")}</h2>
      <TableScroll label={t("libraries.heading")}>
        <table className="data-table">
          <caption className="visually-hidden">{t("libraries.heading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("libraries.name")}</th>
              <th scope="col">{t("libraries.version")}</th>
              <th scope="col">{t("libraries.runnable")}</th>
              <th scope="col">{t("libraries.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {libraries.map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  {l.title} <code>{l.machine_name}</code>
                </th>
                <td>
                  {l.major_version}.{l.minor_version}.{l.patch_version}
                </td>
                <td>{t(l.runnable ? "results.yes" : "results.no")}</td>
                <td>
                  {formatDate(l.updated_at, i18n.language, { dateStyle: "medium" })}
                  {l.installed_by_name ? ` — ${l.installed_by_name}` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
