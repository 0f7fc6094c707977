import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData } from "react-router";
import type { Route } from "./+types/add-email";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { NewPasswordFields } from "../features/accounts/components/new-password-fields";
import { PageTitle } from "../components/ui/page-title";
import { addEmailAndPassword } from "../features/mediation/learners.server";
import { AddEmailSchema } from "../features/mediation/schemas";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { requireUser } from "../lib/session.server";

const SECRETS = ["password", "passwordConfirm"];

export function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  if (user.email) throw redirect(href("/compte"));
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(
    request,
    AddEmailSchema,
    async (value) => {
      await addEmailAndPassword(context.get(dbContext), user, value);
      return redirect(`${href("/compte/activites")}?adresse=ajoutee`);
    },
    { hideFields: SECRETS },
  );
}

export default function AddEmail() {
  const { t } = useTranslation("mediation");
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof AddEmailSchema>>({ lastResult, id: "add-email" });
  return (
    <div className="page narrow">
      <PageTitle>{t("add_email.title")}</PageTitle>
      <h1>{t("add_email.title")}</h1>
      <p>{t("add_email.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <FormField field={fields.email} label={t("accounts:fields.email")} type="email" autoComplete="email" required />
        <NewPasswordFields password={fields.password} passwordConfirm={fields.passwordConfirm} />
        <button type="submit" className="button primary">
          {t("add_email.submit")}
        </button>
      </Form>
    </div>
  );
}
