import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { Form } from "react-router";
import { IntentButton } from "../../../components/ui/intent-button";
import type { OidcRoleMapping } from "../../../../db/schema/oidc";
import { ActionMessage, useActionReply } from "../../../components/ui/action-reply";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { FieldErrors, FormField } from "../../../components/ui/form-field";
import { TableScroll } from "../../../components/ui/table-scroll";
import { useTranslation } from "../../../lib/use-translation";
import { MAPPED_ROLES } from "../role-mapping";
import type { ProviderButton } from "../types";

type ProviderWithMappings = ProviderButton & { mappings: Pick<OidcRoleMapping, "id" | "claim" | "value" | "role">[] };

/** Each provider's mappings, a button to remove each, and the form that adds one. */
export function RoleMappingList({ providers, locale }: { providers: ProviderWithMappings[]; locale: "fr" | "en" }) {
  const { t } = useTranslation("oidc");
  if (providers.length === 0) return <p>{t("admin.none_configured")}</p>;
  return (
    <>
      {providers.map((provider) => (
        <section key={provider.id} aria-labelledby={`provider-${provider.id}`}>
          <h2 id={`provider-${provider.id}`}>{provider.label[locale]}</h2>
          {provider.mappings.length === 0 ? (
            <p>{t("admin.no_mapping")}</p>
          ) : (
            <TableScroll label={t("admin.caption", { provider: provider.label[locale] })}>
              <table className="data-table">
                <caption className="visually-hidden">{t("admin.caption", { provider: provider.label[locale] })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("admin.claim")}</th>
                    <th scope="col">{t("admin.value")}</th>
                    <th scope="col">{t("admin.role")}</th>
                    <th scope="col">{t("admin.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {provider.mappings.map((mapping) => (
                    <tr key={mapping.id}>
                      <td>
                        <code>{mapping.claim}</code>
                      </td>
                      <td>
                        <code>{mapping.value}</code>
                      </td>
                      <td>{t(`accounts:roles.${mapping.role}`)}</td>
                      <td>
                        <IntentButton intent="remove" fields={{ mappingId: mapping.id }}>
                          {t("admin.remove")}
                        </IntentButton>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      ))}
      <AddMapping providers={providers} locale={locale} />
    </>
  );
}

function AddMapping({ providers, locale }: { providers: ProviderWithMappings[]; locale: "fr" | "en" }) {
  const { t } = useTranslation("oidc");
  const reply = useActionReply("add");
  const [form, fields] = useForm<{ providerId: string; claim: string; value: string; role: string }>({ lastResult: reply, id: "oidc-mapping" });
  return (
    <section aria-labelledby="add-mapping">
      <h2 id="add-mapping">{t("admin.add_title")}</h2>
      <p>{t("admin.add_intro")}</p>
      <ActionMessage reply={reply?.status === "success" ? reply : undefined} okKey="oidc:admin.added" />
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="add" />
        <div className="field">
          <label htmlFor={fields.providerId.id}>{t("admin.provider")}</label>
          <select {...getSelectProps(fields.providerId)} key={fields.providerId.key}>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label[locale]}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.providerId.errorId} errors={fields.providerId.errors} />
        </div>
        <FormField field={fields.claim} label={t("admin.claim")} hint={t("admin.claim_hint")} autoComplete="off" required />
        <FormField field={fields.value} label={t("admin.value")} hint={t("admin.value_hint")} autoComplete="off" required />
        <div className="field">
          <label htmlFor={fields.role.id}>{t("admin.role")}</label>
          <select {...getSelectProps(fields.role)} key={fields.role.key}>
            {MAPPED_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`accounts:roles.${role}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
        </div>
        <button type="submit" className="button primary">
          {t("admin.add_submit")}
        </button>
      </Form>
    </section>
  );
}
