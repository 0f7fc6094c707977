import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { Form } from "react-router";
import type { z } from "zod";
import type { ActionReply } from "../../../lib/action-reply";
import { useTranslation } from "../../../lib/use-translation";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { FieldErrors, FormField } from "../../../components/ui/form-field";
import type { PlatformSchema } from "../schemas";

export interface PlatformDefaults {
  name: string;
  issuer: string;
  clientId: string;
  deploymentIds: string;
  jwksUrl: string;
  authUrl: string;
  tokenUrl: string;
  school: boolean;
}

/** Register or edit a platform: the six values the LMS shows once Passerelle is configured there. */
export function PlatformForm({ reply, defaults, submitLabel }: { reply: ActionReply | undefined; defaults?: PlatformDefaults; submitLabel: string }) {
  const { t } = useTranslation("lti");
  const [form, fields] = useForm<z.input<typeof PlatformSchema>>({
    lastResult: reply,
    id: "save",
    defaultValue: defaults ? { ...defaults, school: defaults.school ? "on" : undefined } : undefined,
  });
  const deploymentHint = `${fields.deploymentIds.id}-hint`;
  return (
    <Form method="post" {...getFormProps(form)} className="stack" noValidate>
      <ErrorSummary form={form} />
      <input type="hidden" name="intent" value="save" />
      <FormField field={fields.name} label={t("admin.name")} hint={t("admin.name_hint")} required />
      <FormField field={fields.issuer} label={t("admin.issuer")} hint={t("admin.issuer_hint")} type="url" required />
      <FormField field={fields.clientId} label={t("admin.client_id")} hint={t("admin.client_id_hint")} required />
      <div className="field">
        <label htmlFor={fields.deploymentIds.id}>
          {t("admin.deployment_ids")}
          <span className="required"> {t("common:form.required")}</span>
        </label>
        <p className="hint" id={deploymentHint}>
          {t("admin.deployment_ids_hint")}
        </p>
        <textarea {...getTextareaProps(fields.deploymentIds, { ariaDescribedBy: deploymentHint })} key={fields.deploymentIds.key} rows={2} required />
        <FieldErrors id={fields.deploymentIds.errorId} errors={fields.deploymentIds.errors} />
      </div>
      <FormField field={fields.jwksUrl} label={t("admin.jwks_url")} type="url" required />
      <FormField field={fields.authUrl} label={t("admin.auth_url")} type="url" required />
      <FormField field={fields.tokenUrl} label={t("admin.token_url")} type="url" required />
      <div className="field">
        <label className="choice">
          <input type="checkbox" name={fields.school.name} defaultChecked={defaults?.school ?? false} aria-describedby="school-hint" /> {t("admin.school")}
        </label>
        <p className="hint" id="school-hint">
          {t("admin.school_hint")}
        </p>
      </div>
      <button type="submit" className="button primary">
        {submitLabel}
      </button>
    </Form>
  );
}
