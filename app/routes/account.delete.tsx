import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, useActionData, useLoaderData } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/account.delete";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { redirectSignedOut } from "../features/accounts/responses.server";
import { DeleteAccountSchema } from "../features/accounts/schemas";
import { deleteOwnAccount } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { requireUser } from "../lib/session.server";

export function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { hasPassword: !!user.password_hash };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(
    request,
    DeleteAccountSchema,
    async (value) => {
      await deleteOwnAccount(context.get(dbContext), user, value.password);
      return redirectSignedOut(`${href("/")}?compte=supprime`);
    },
    { hideFields: ["password"] },
  );
}

export default function DeleteAccount() {
  const { t } = useTranslation("accounts");
  const { hasPassword } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof DeleteAccountSchema>>({ lastResult, id: "delete-account" });
  return (
    <div className="page narrow">
      <PageTitle>{t("delete.title")}</PageTitle>
      <h1>{t("delete.title")}</h1>
      <p>{t("delete.intro")}</p>
      <p>
        <a href={href("/compte/donnees")} download>
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
        <a href={href("/compte")}>{t("delete.cancel")}</a>
      </p>
    </div>
  );
}
