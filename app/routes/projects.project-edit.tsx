import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useLoaderData } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/projects.project-edit";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { ProjectFields } from "../features/projects/components/project-fields";
import { documentToMarkdown } from "../features/projects/doc-markdown";
import { getProjectForEdit, updateProject } from "../features/projects/projects.server";
import { ProjectSchema } from "../features/projects/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import type { RouteHandle } from "../root";

export const handle: RouteHandle = { hydrate: true };

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const project = await getProjectForEdit(context.get(dbContext), user, params.projectId);
  return { project: { ...project, briefMarkdown: documentToMarkdown(project.brief) } };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  await getProjectForEdit(db, user, params.projectId);
  return handleForm(request, ProjectSchema, async (value) => {
    await updateProject(db, user, params.projectId, value);
    return redirect(`${href("/projets/:projectId", { projectId: params.projectId })}?modifie=1`);
  });
}

export default function EditProject() {
  const { t } = useTranslation("projects");
  const { project } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof ProjectSchema>>({
    lastResult,
    id: "edit-project",
    defaultValue: { title: project.title, maxTeamSize: String(project.maxTeamSize), teamMode: project.teamMode },
  });
  return (
    <div className="page narrow">
      <PageTitle>{t("project_edit.title")}</PageTitle>
      <Breadcrumbs items={[{ href: href("/projets/:projectId", { projectId: project.id }), label: project.title }, { label: t("project_edit.title") }]} />
      <h1>{t("project_edit.title")}</h1>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate className="stack">
        <ProjectFields
          fields={fields}
          initial={{ brief: project.brief, briefMarkdown: project.briefMarkdown, competences: project.competences, teamMode: project.teamMode, maxTeamSize: project.maxTeamSize }}
        />
        <button type="submit" className="button primary">
          {t("project_edit.submit")}
        </button>
      </Form>
    </div>
  );
}
