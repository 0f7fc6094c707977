import { getFormProps, useForm } from "@conform-to/react";
import { Form } from "react-router";
import type { z } from "zod";
import { ErrorSummary } from "../../../../components/ui/error-summary";
import { FormField } from "../../../../components/ui/form-field";
import type { ActionReply } from "../../../../lib/action-reply";
import { useTranslation } from "../../../../lib/use-translation";
import { SelectField, TextAreaField } from "../../../mediation/components/choices";
import { PARTNER_KINDS, SECTORS, type PartnerSchema } from "../../schemas-offers";

/** A partner organisation's page in the directory: who they are and how to reach them. */
export function PartnerForm({ lastResult, defaultValue }: { lastResult: ActionReply | undefined; defaultValue?: Record<string, unknown> }) {
  const { t } = useTranslation("jobs");
  const [form, fields] = useForm<z.input<typeof PartnerSchema>>({
    lastResult,
    id: "save",
    defaultValue: defaultValue as never,
  });
  return (
    <>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="save" />
        <FormField field={fields.name} label={t("admin.fields.name")} required />
        <SelectField
          field={fields.kind}
          label={t("admin.fields.kind")}
          choices={PARTNER_KINDS.map((k) => ({
            value: k,
            label: t(`kinds.${k}`),
          }))}
          emptyLabel=""
          required
        />
        <SelectField
          field={fields.sector}
          label={t("admin.fields.sector")}
          choices={SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
          emptyLabel=""
          required
        />
        <FormField field={fields.commune} label={t("admin.fields.commune")} required />
        <FormField field={fields.businessZone} label={t("admin.fields.zone")} hint={t("edit.hints.zone")} />
        <TextAreaField field={fields.description} label={t("admin.fields.description")} rows={4} />
        <FormField field={fields.website} label={t("admin.fields.website")} type="url" />
        <FormField field={fields.contactEmail} label={t("admin.fields.email")} type="email" />
        <FormField field={fields.contactPhone} label={t("admin.fields.phone")} type="tel" />
        <button type="submit" className="button primary">
          {t("admin.save")}
        </button>
      </Form>
    </>
  );
}
