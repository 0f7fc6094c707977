import { FieldError } from "../lib/errors";
import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { data, Form, useActionData, useLoaderData } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/account.delete";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { redirectSignedOut } from "../features/accounts/responses.server";
import { deleteOwnAccount } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { parseForm } from "../lib/forms.server";
import { requireUser } from "../lib/session.server";

const DeleteSchema = z.object({ password: z.string({ error: "accounts:errors.password_required" }) });

export function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { hasPassword: !!user.password_hash };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const submission = await parseForm(request, DeleteSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  try {
    await deleteOwnAccount(context.get(dbContext), user, submission.value.password);
  } catch (error) {
    if (error instanceof FieldError) {
      return data(submission.reply({ fieldErrors: { password: [error.messageKey] }, hideFields: ["password"] }), { status: 400 });
    }
    throw error;
  }
  return redirectSignedOut("/?compte=supprime");
}

export default function DeleteAccount() {
  const { t } = useTranslation("accounts");
  const { hasPassword } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof DeleteSchema>>({ lastResult, id: "delete-account" });
  return (
    <div className="page narrow">
      <PageTitle>{t("delete.title")}</PageTitle>
      <h1>{t("delete.title")}</h1>
      <p>{t("delete.intro")}</p>
      <p>
        <a href="/compte/donnees" download>
          {t("delete.download_first")}
        </a>
      </p>
      {hasPassword ? (
        <>
          <ErrorSummary form={form} />
          <Form method="post" {...getFormProps(form)} noValidate>
            <FormField field={fields.password} label={t("delete.confirm_password")} type="password" autoComplete="current-password" required />
            <button type="submit" className="button danger">
              {t("delete.submit")}
            </button>
          </Form>
        </>
      ) : (
        <p className="alert">{t("delete.no_password")}</p>
      )}
      <p>
        <a href="/compte">{t("delete.cancel")}</a>
      </p>
    </div>
  );
}
