import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useLoaderData } from "react-router";
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
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
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
  return handleForm(request, CreateProjectSchema, async (value) => {
    const project = await createProject(context.get(dbContext), user, value);
    return redirect(`${href("/projets/:projectId", { projectId: project.id })}?cree=1`);
  });
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
          { href: href("/classes-scolaires"), label: t("home.title_teacher") },
          { href: href("/classes-scolaires/:classId", { classId: schoolClass.id }), label: schoolClass.name },
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
