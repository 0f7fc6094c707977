import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { Form, useLoaderData } from "react-router";
import { IntentButton } from "../components/ui/intent-button";
import type { Route } from "./+types/admin.xapi";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { FieldErrors, FormField } from "../components/ui/form-field";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { issueCredential, listCredentials, revokeCredential } from "../features/xapi/credentials.server";
import { siteUrl } from "../features/xapi/http.server";
import { CredentialFormSchema, type IssueCredentialSchema, SCOPES } from "../features/xapi/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import h5pCss from "../styles/h5p.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: h5pCss }];

/** Coordinators issue and revoke the HTTP Basic credentials of external xAPI clients. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const credentials = await listCredentials(context.get(dbContext), user);
  return { credentials, endpoint: `${siteUrl(request)}/xapi/` };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(
    request,
    CredentialFormSchema,
    async (value) => {
      if (value.intent === "revoke") {
        await revokeCredential(db, user, value.credentialId);
        return undefined;
      }
      const issued = await issueCredential(db, user, value);
      return { label: issued.label, key: issued.api_key, secret: issued.secret };
    },
    { resetForm: true },
  );
}

export default function AdminXapi() {
  const { t, i18n } = useTranslation("xapi");
  const { credentials, endpoint } = useLoaderData<typeof loader>();
  const issueReply = useActionReply<{ label: string; key: string; secret: string }>("issue");
  const revokeReply = useActionReply("revoke");
  const issued = issueReply?.status === "success" ? issueReply.data : undefined;
  const [form, fields] = useForm<z.input<typeof IssueCredentialSchema>>({ lastResult: issueReply, id: "issue-credential" });
  return (
    <div className="page">
      <PageTitle>{t("admin.title")}</PageTitle>
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.intro", { endpoint })}</p>
      {issued ? (
        <div className="alert success" role="status">
          <p>{t("admin.issued", { label: issued.label })}</p>
          <p>
            {t("admin.key")} <code className="credential-secret">{issued.key}</code>
          </p>
          <p>
            {t("admin.secret")} <code className="credential-secret">{issued.secret}</code>
          </p>
          <p>{t("admin.secret_once")}</p>
        </div>
      ) : null}
      <ActionMessage reply={revokeReply} okKey="xapi:admin.revoked" />

      <section aria-labelledby="issue-heading" className="card">
        <h2 id="issue-heading">{t("admin.issue_heading")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack" noValidate>
          <input type="hidden" name="intent" value="issue" />
          <FormField field={fields.label} label={t("admin.label")} hint={t("admin.label_hint")} required />
          <fieldset aria-describedby={fields.scopes.errors?.length ? fields.scopes.errorId : undefined}>
            <legend>{t("admin.scopes")}</legend>
            {SCOPES.map((scope) => (
              <label className="choice" key={scope}>
                <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "statements/write"} /> {t(`admin.scope.${scope}`)}
              </label>
            ))}
            <FieldErrors id={fields.scopes.errorId} errors={fields.scopes.errors} />
          </fieldset>
          <button type="submit" className="button primary">
            {t("admin.issue_submit")}
          </button>
        </Form>
      </section>

      <h2>{t("admin.list_heading")}</h2>
      {credentials.length === 0 ? (
        <p>{t("admin.none")}</p>
      ) : (
        <TableScroll label={t("admin.list_heading")}>
          <table className="data-table">
            <caption className="visually-hidden">{t("admin.list_heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.label")}</th>
                <th scope="col">{t("admin.key")}</th>
                <th scope="col">{t("admin.scopes")}</th>
                <th scope="col">{t("admin.created")}</th>
                <th scope="col">{t("admin.last_used")}</th>
                <th scope="col">{t("admin.status")}</th>
              </tr>
            </thead>
            <tbody>
              {credentials.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.label}</th>
                  <td>
                    <code>{c.api_key}</code>
                  </td>
                  <td>
                    <ul className="scope-list">
                      {c.scopes.map((s) => (
                        <li key={s}>{t(`admin.scope.${s}`)}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {formatDate(c.created_at, i18n.language, { dateStyle: "medium" })}
                    {c.created_by_name ? ` — ${c.created_by_name}` : ""}
                  </td>
                  <td>{c.last_used_at ? formatDate(c.last_used_at, i18n.language, { dateStyle: "medium", timeStyle: "short" }) : "—"}</td>
                  <td>
                    {c.revoked_at ? (
                      t("admin.revoked_on", { date: formatDate(c.revoked_at, i18n.language, { dateStyle: "medium" }) })
                    ) : (
                      <IntentButton intent="revoke" fields={{ credentialId: c.id }} ariaLabel={t("admin.revoke_label", { label: c.label })}>
                        {t("admin.revoke")}
                      </IntentButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
