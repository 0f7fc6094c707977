import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { Form } from "react-router";
import type { Route } from "./+types/forgot-password";
import { useActionReply } from "../components/ui/action-reply";
import { FormField } from "../components/ui/form-field";
import { PageTitle } from "../components/ui/page-title";
import { ResetRequestSchema } from "../features/accounts/schemas";
import { requestPasswordReset } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";

export async function action({ request, context }: Route.ActionArgs) {
  return handleForm(request, ResetRequestSchema, (value) => requestPasswordReset(context.get(dbContext), value.email), { resetForm: true });
}

export default function ForgotPassword() {
  const { t } = useTranslation("accounts");
  const lastResult = useActionReply();
  const [form, fields] = useForm<z.input<typeof ResetRequestSchema>>({ lastResult, id: "forgot" });
  return (
    <div className="page narrow">
      <PageTitle>{t("forgot.title")}</PageTitle>
      <h1>{t("forgot.title")}</h1>
      {lastResult?.status === "success" ? (
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
