import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/courses.lesson-editor";
import { FieldErrors, FormField } from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import { loadLessonForEditing, saveLesson } from "../features/courses/authoring.server";
import { LessonEditor } from "../features/courses/components/lesson-editor";
import { LessonSchema } from "../features/courses/schemas";
import { dbContext } from "../lib/context";
import { handleForm } from "../lib/actions.server";
import { requireUser } from "../lib/session.server";
import type { RouteHandle } from "../root";
import coursesCss from "../styles/courses.css?url";

// The only hydrated page of the courses domain: the tiptap editor needs JavaScript.
export const handle: RouteHandle = { hydrate: true };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: coursesCss }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return loadLessonForEditing(context.get(dbContext), user, params.courseId, params.lessonId);
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  // Checks the permission before reading a large body.
  await loadLessonForEditing(db, user, params.courseId, params.lessonId);
  return handleForm(request, LessonSchema, async (value) => {
    const { dropped } = await saveLesson(db, user, params.courseId, params.lessonId, value);
    const editor = href("/creer/cours/:courseId/lecons/:lessonId", { courseId: params.courseId, lessonId: params.lessonId });
    return redirect(`${editor}?enregistre=${dropped ? "nettoye" : "1"}`);
  });
}

export default function LessonEditorPage() {
  const { t } = useTranslation("courses");
  const { course, lesson } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("enregistre");
  const [form, fields] = useForm<{ title: string; estimatedMinutes: string; required?: string; body: string }>({
    id: "lesson",
    lastResult,
    defaultValue: { title: lesson.title, estimatedMinutes: String(lesson.estimatedMinutes), required: lesson.required ? "on" : undefined },
  });
  return (
    <div className="page authoring-page">
      <PageTitle>{t("lesson_editor.title", { title: lesson.title })}</PageTitle>
      <p className="breadcrumb">
        <a href={href("/creer/cours/:courseId", { courseId: course.id })}>{t("lesson_editor.back", { title: course.title })}</a>
      </p>
      <h1>{t("lesson_editor.title", { title: lesson.title })}</h1>
      {saved ? (
        <div className="alert success" role="status">
          <p>{saved === "nettoye" ? t("lesson_editor.saved_cleaned") : t("lesson_editor.saved")}</p>
        </div>
      ) : null}
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate reloadDocument>
        <FormField field={fields.title} label={t("fields.lesson_title")} required />
        <FormField field={fields.estimatedMinutes} label={t("fields.minutes")} type="number" required />
        <div className="field">
          <label className="choice">
            <input type="checkbox" name={fields.required.name} defaultChecked={fields.required.initialValue === "on"} /> {t("fields.required")}
          </label>
        </div>
        <div className="field">
          <p className="label" id="lesson-body-label">
            {t("fields.body")}
          </p>
          <p className="hint">{t("lesson_editor.body_hint")}</p>
          <LessonEditor initial={lesson.body} uploadUrl={href("/creer/cours/:courseId/images", { courseId: course.id })} labelId="lesson-body-label" />
          <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
        </div>
        <p className="actions">
          <button type="submit" className="button primary">
            {t("lesson_editor.save")}
          </button>
          <a className="button secondary" href={href("/cours/:slug/lecons/:lessonId", { slug: course.slug, lessonId: lesson.id })}>
            {t("lesson_editor.preview")}
          </a>
        </p>
      </Form>
    </div>
  );
}
