import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { data, Form, useActionData, useSearchParams } from "react-router";
import type { Route } from "./+types/reset-password";
import { NewPasswordFields } from "../features/accounts/components/new-password-fields";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { redirectSignedIn, requestMeta } from "../features/accounts/responses.server";
import { ResetPasswordSchema } from "../features/accounts/schemas";
import { resetPassword } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { isAppError } from "../lib/errors";
import { parseForm } from "../lib/forms.server";

const SECRETS = ["password", "passwordConfirm"];

export async function action({ request, context }: Route.ActionArgs) {
  const submission = await parseForm(request, ResetPasswordSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: SECRETS }), { status: 400 });
  try {
    const { token, user } = await resetPassword(context.get(dbContext), submission.value, requestMeta(request));
    return redirectSignedIn(request, context.get(dbContext), "/compte?mot-de-passe=change", token, user);
  } catch (error) {
    if (isAppError(error)) {
      return data(submission.reply({ formErrors: [error.data.messageKey], hideFields: SECRETS }), { status: 400 });
    }
    throw error;
  }
}

export default function ResetPassword() {
  const { t } = useTranslation("accounts");
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm<z.input<typeof ResetPasswordSchema>>({ lastResult, id: "reset" });
  return (
    <div className="page narrow">
      <PageTitle>{t("reset.title")}</PageTitle>
      <h1>{t("reset.title")}</h1>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="token" value={searchParams.get("jeton") ?? ""} />
        <NewPasswordFields password={fields.password} passwordConfirm={fields.passwordConfirm} />
        <button type="submit" className="button primary">
          {t("reset.submit")}
        </button>
      </Form>
    </div>
  );
}
