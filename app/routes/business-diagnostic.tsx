import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData } from "react-router";
import type { Route } from "./+types/business-diagnostic";
import { FieldErrors, FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { AXES, BUSINESS_QUESTIONS, SECTORS } from "../features/business-diagnostic/questionnaire";
import { businessAnswersOf, BusinessDiagnosticSchema } from "../features/business-diagnostic/schemas";
import { takeBusinessDiagnostic } from "../features/business-diagnostic/service.server";
import { setBusinessDiagnosticCookie } from "../features/business-diagnostic/cookie.server";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { currentUser } from "../lib/session.server";
import css from "../styles/paths.css?url";
import { clientIp } from "../lib/middleware.server";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function action({ request, context }: Route.ActionArgs) {
  return handleForm(request, BusinessDiagnosticSchema, async (value) => {
    const { businessName, commune, sector } = value;
    const user = currentUser(context);
    const { token } = await takeBusinessDiagnostic(context.get(dbContext), user, {
      businessName,
      commune,
      sector,
      answers: businessAnswersOf(value),
    }, { ip: clientIp(request) });
    // Taken without an account: kept for this device until the person signs up or signs in.
    const headers = user ? undefined : { "Set-Cookie": await setBusinessDiagnosticCookie(token) };
    return redirect(href("/diagnostic-entreprise/rapport/:token", { token }), { headers });
  });
}

type AnyField = { id: string; name: string; errorId: string; errors?: string[]; initialValue?: unknown };

export default function BusinessDiagnostic() {
  const { t } = useTranslation("business");
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof BusinessDiagnosticSchema>>({ lastResult, id: "business-diagnostic", shouldValidate: "onSubmit" });
  const fieldOf = (name: string) => (fields as unknown as Record<string, AnyField>)[name]!;
  let number = 0;
  return (
    <div className="page narrow">
      <PageTitle>{t("title")}</PageTitle>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p>{t("privacy_note")}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{t("about_heading")}</h2>
          <FormField field={fields.businessName} label={t("fields.business_name")} hint={t("fields.business_name_hint")} autoComplete="organization" />
          <div className="field">
            <label htmlFor={fields.sector.id}>
              {t("fields.sector")}
              <span className="required"> {t("common:form.required")}</span>
            </label>
            <select
              {...getSelectProps(fields.sector)}
              key={fields.sector.key}
              required
            >
              <option value="" disabled>
                —
              </option>
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {t(`sectors.${s}`)}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.sector.errorId} errors={fields.sector.errors} />
          </div>
          <FormField field={fields.commune} label={t("fields.commune")} hint={t("fields.commune_hint")} autoComplete="address-level2" />
        </section>
        {AXES.map((axis) => (
          <section key={axis} className="axis-section" aria-labelledby={`axis-${axis}`}>
            <h2 id={`axis-${axis}`}>{t(`axes.${axis}`)}</h2>
            {BUSINESS_QUESTIONS.filter((q) => q.axis === axis).map((q) => {
              const field = fieldOf(q.id);
              number++;
              return (
                <fieldset key={q.id} className="question" id={`question-${q.id}`} aria-describedby={field.errors?.length ? field.errorId : undefined}>
                  <legend>
                    <span className="question-number">{number}.</span> {t(`questions.${q.id}.label`)}
                  </legend>
                  {q.options.map((o) => (
                    <label key={o.id} className="choice">
                      <input type="radio" name={q.id} value={o.id} defaultChecked={field.initialValue === o.id} required />
                      {t(`questions.${q.id}.options.${o.id}`)}
                    </label>
                  ))}
                  <FieldErrors id={field.errorId} errors={field.errors} />
                </fieldset>
              );
            })}
          </section>
        ))}
        <button type="submit" className="button primary">
          {t("submit")}
        </button>
      </Form>
    </div>
  );
}
