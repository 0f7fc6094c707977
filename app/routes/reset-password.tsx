import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { Form, href, useActionData, useSearchParams } from "react-router";
import type { Route } from "./+types/reset-password";
import { NewPasswordFields } from "../features/accounts/components/new-password-fields";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { redirectSignedIn, requestMeta } from "../features/accounts/responses.server";
import { ResetPasswordSchema } from "../features/accounts/schemas";
import { resetPassword } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";

const SECRETS = ["password", "passwordConfirm"];

export async function action({ request, context }: Route.ActionArgs) {
  const db = context.get(dbContext);
  return handleForm(
    request,
    ResetPasswordSchema,
    async (value) => {
      const { token, user } = await resetPassword(db, value, requestMeta(request));
      return redirectSignedIn(request, db, `${href("/compte")}?mot-de-passe=change`, token, user);
    },
    { hideFields: SECRETS },
  );
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
