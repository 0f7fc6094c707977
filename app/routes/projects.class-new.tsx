import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useLoaderData } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/projects.class-new";
import { FieldErrors, FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { createClass } from "../features/projects/classes.server";
import { currentSchoolYear, todayInParis } from "../features/projects/dates";
import { CreateClassSchema, SCHOOL_LEVELS } from "../features/projects/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { forbidden } from "../lib/errors";
import { can } from "../lib/permissions";
import { requireUser } from "../lib/session.server";

export function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  if (!can(user, "create:school_class:own")) throw forbidden();
  return { schoolYear: currentSchoolYear(todayInParis()) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(request, CreateClassSchema, async (value) => {
    const created = await createClass(context.get(dbContext), user, value);
    return redirect(`${href("/classes-scolaires/:classId", { classId: created.id })}?creee=1`);
  });
}

export default function NewSchoolClass() {
  const { t } = useTranslation("projects");
  const { schoolYear } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof CreateClassSchema>>({ lastResult, id: "new-class", defaultValue: { schoolYear, level: "" } });
  return (
    <div className="page narrow">
      <PageTitle>{t("class_new.title")}</PageTitle>
      <Breadcrumbs items={[{ href: href("/classes-scolaires"), label: t("home.title_teacher") }, { label: t("class_new.title") }]} />
      <h1>{t("class_new.title")}</h1>
      <p>{t("class_new.intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <FormField field={fields.name} label={t("fields.class_name")} hint={t("fields.class_name_hint")} required />
        <FormField field={fields.school} label={t("fields.school")} required />
        <div className="field">
          <label htmlFor={fields.level.id}>
            {t("fields.level")} <span className="required">{t("common:form.required")}</span>
          </label>
          <select {...getSelectProps(fields.level)} key={fields.level.key} required>
            <option value="">{t("fields.level_choose")}</option>
            {SCHOOL_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`levels.${l}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.level.errorId} errors={fields.level.errors} />
        </div>
        <FormField field={fields.schoolYear} label={t("fields.school_year")} hint={t("fields.school_year_hint")} required />
        <button type="submit" className="button primary">
          {t("class_new.submit")}
        </button>
      </Form>
    </div>
  );
}
