import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { data, Form, redirect, useActionData, useLoaderData } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/projects.project-new";
import { FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { getClassHeader } from "../features/projects/classes.server";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { ProjectFields } from "../features/projects/components/project-fields";
import { createProject } from "../features/projects/projects.server";
import { CreateProjectSchema } from "../features/projects/schemas";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";
import { parseForm } from "../lib/forms.server";
import { requireUser } from "../lib/session.server";
import type { RouteHandle } from "../root";

// Hydrated for the brief's editor; the form also works as a plain post.
export const handle: RouteHandle = { hydrate: true };

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const classId = new URL(request.url).searchParams.get("classe") ?? "";
  return { schoolClass: await getClassHeader(context.get(dbContext), user, classId) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const submission = await parseForm(request, CreateProjectSchema);
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const project = await createProject(context.get(dbContext), user, submission.value);
    return redirect(`/projets/${project.id}?cree=1`);
  } catch (error) {
    if (isAppError(error) && appErrorStatus(error) === 409) return data(submission.reply({ formErrors: [error.data.messageKey] }), { status: 409 });
    if (isAppError(error) && appErrorStatus(error) === 400) return data(submission.reply({ fieldErrors: { brief: [error.data.messageKey] } }), { status: 400 });
    throw error;
  }
}

export default function NewProject() {
  const { t } = useTranslation("projects");
  const { schoolClass } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof CreateProjectSchema>>({ lastResult, id: "new-project", defaultValue: { classId: schoolClass.id } });
  return (
    <div className="page narrow">
      <PageTitle>{t("project_new.title")}</PageTitle>
      <Breadcrumbs
        items={[
          { href: "/classes-scolaires", label: t("home.title_teacher") },
          { href: `/classes-scolaires/${schoolClass.id}`, label: schoolClass.name },
          { label: t("project_new.title") },
        ]}
      />
      <h1>{t("project_new.title")}</h1>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate className="stack">
        <input type="hidden" name="classId" value={schoolClass.id} />
        <ProjectFields fields={fields} initial={{ brief: { type: "doc", content: [] }, briefMarkdown: "", competences: [], teamMode: "teacher", maxTeamSize: 4 }} />
        <fieldset>
          <legend>{t("project_new.first_milestone")}</legend>
          <FormField field={fields.milestoneTitle} label={t("fields.milestone_title")} />
          <FormField field={fields.milestoneDue} type="date" label={t("fields.milestone_due")} />
        </fieldset>
        <button type="submit" className="button primary">
          {t("project_new.submit")}
        </button>
      </Form>
    </div>
  );
}
