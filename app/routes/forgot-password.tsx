import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { data, Form, useActionData } from "react-router";
import type { Route } from "./+types/forgot-password";
import { FormField } from "../components/ui/form-field";
import { PageTitle } from "../components/ui/page-title";
import { ResetRequestSchema } from "../features/accounts/schemas";
import { requestPasswordReset } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { parseForm } from "../lib/forms.server";

export async function action({ request, context }: Route.ActionArgs) {
  const submission = await parseForm(request, ResetRequestSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  await requestPasswordReset(context.get(dbContext), submission.value.email);
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const { t } = useTranslation("accounts");
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof ResetRequestSchema>>({ lastResult: actionData?.result, id: "forgot" });
  return (
    <div className="page narrow">
      <PageTitle>{t("forgot.title")}</PageTitle>
      <h1>{t("forgot.title")}</h1>
      {actionData?.sent ? (
        <div className="alert success" role="status">
          <p>{t("forgot.sent")}</p>
        </div>
      ) : null}
      <p>{t("forgot.intro")}</p>
      <Form method="post" {...getFormProps(form)} noValidate>
        <FormField field={fields.email} label={t("fields.email")} type="email" autoComplete="email" required />
        <button type="submit" className="button primary">
          {t("forgot.submit")}
        </button>
      </Form>
      <p className="hint">{t("forgot.no_email_hint")}</p>
    </div>
  );
}
