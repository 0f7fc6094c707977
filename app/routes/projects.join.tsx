import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useLoaderData } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/projects.join";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { requestMeta } from "../features/accounts/responses.server";
import { joinClass, joinFormNeeds } from "../features/projects/classes.server";
import { JoinClassSchema } from "../features/projects/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { currentUser, requireUser } from "../lib/session.server";

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = currentUser(context);
  const code = new URL(request.url).searchParams.get("code")?.slice(0, 20) ?? "";
  if (!user) return { signedIn: false as const, code, askBirthDate: false, canJoin: false };
  return { signedIn: true as const, code, ...(await joinFormNeeds(context.get(dbContext), user)) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(request, JoinClassSchema, async (value) => {
    const joined = await joinClass(context.get(dbContext), user, value, { ip: requestMeta(request).ip });
    return redirect(`${href("/classes-scolaires/:classId", { classId: joined.classId })}?${joined.alreadyMember ? "deja=1" : "bienvenue=1"}`);
  });
}

export default function JoinSchoolClass() {
  const { t } = useTranslation("projects");
  const { signedIn, code, askBirthDate, canJoin } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof JoinClassSchema>>({ lastResult, id: "join-class", defaultValue: { code } });
  const here = `${href("/classes-scolaires/rejoindre")}${code ? `?code=${encodeURIComponent(code)}` : ""}`;
  return (
    <div className="page narrow">
      <PageTitle>{t("join.title")}</PageTitle>
      <h1>{t("join.title")}</h1>
      {!signedIn ? (
        <>
          <p>{t("join.need_account")}</p>
          {code ? (
            <p>
              {t("join.your_code")} <strong className="join-code">{code}</strong>
            </p>
          ) : null}
          <ol>
            <li>
              <a href={`${href("/connexion")}?retour=${encodeURIComponent(here)}`}>{t("join.sign_in")}</a>
            </li>
            <li>
              {t("join.or")} <a href={href("/inscription")}>{t("join.sign_up")}</a> {t("join.then_come_back")}
            </li>
          </ol>
        </>
      ) : !canJoin ? (
        <p className="alert error" role="alert">
          {t("errors.pupils_only")}
        </p>
      ) : (
        <>
          <p>{t("join.intro")}</p>
          <ErrorSummary form={form} />
          <Form method="post" {...getFormProps(form)} noValidate>
            <FormField field={fields.code} label={t("fields.join_code")} hint={t("fields.join_code_hint")} autoComplete="off" required />
            {askBirthDate ? (
              <FormField field={fields.birthDate} type="date" label={t("fields.birth_date")} hint={t("fields.birth_date_hint")} autoComplete="bday" required />
            ) : null}
            <button type="submit" className="button primary">
              {t("join.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
