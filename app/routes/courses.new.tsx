import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData } from "react-router";
import type { Route } from "./+types/courses.new";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { createCourse, requireAuthor } from "../features/courses/authoring.server";
import { CourseDetailsFields, type CourseField } from "../features/courses/components/course-details-fields";
import { CourseDetailsSchema } from "../features/courses/schemas";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { requireUser } from "../lib/session.server";
import coursesCss from "../styles/courses.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: coursesCss }];

export function loader({ request, context }: Route.LoaderArgs) {
  requireAuthor(requireUser(context, request));
  return null;
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  requireAuthor(user);
  return handleForm(request, CourseDetailsSchema, async (value) => {
    const course = await createCourse(context.get(dbContext), user, value);
    return redirect(`${href("/creer/cours/:courseId", { courseId: course.id })}?cree=1`);
  });
}

export default function NewCourse() {
  const { t } = useTranslation("courses");
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<Record<CourseField, string | string[]>>({ lastResult, id: "new-course", defaultValue: { level: "debutant" } });
  return (
    <div className="page narrow">
      <PageTitle>{t("authoring.new")}</PageTitle>
      <p className="breadcrumb">
        <a href={href("/creer/cours")}>{t("authoring.back")}</a>
      </p>
      <h1>{t("authoring.new")}</h1>
      <p>{t("authoring.new_intro")}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <CourseDetailsFields fields={fields} />
        <button type="submit" className="button primary">
          {t("authoring.create_submit")}
        </button>
      </Form>
    </div>
  );
}
