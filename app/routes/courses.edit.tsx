import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "../lib/use-translation";
import { data, Form, href, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/courses.edit";
import { FieldErrors} from "../components/ui/form-field";
import { ErrorSummary } from "../components/ui/error-summary";
import { PageTitle } from "../components/ui/page-title";
import * as authoring from "../features/courses/authoring.server";
import * as trash from "../features/courses/trash.server";
import { CourseDetailsFields, type CourseField } from "../features/courses/components/course-details-fields";
import { CourseStructure, type StructureError } from "../features/courses/components/course-structure";
import { CourseTrash, DeletionConfirmation } from "../features/courses/components/course-trash";
import { courseImageUrl } from "../features/courses/rich-text/urls";
import { CourseDetailsSchema, CoverSchema, IdSchema, ModuleTitleSchema, MoveSchema, NewLessonSchema } from "../features/courses/schemas";
import { dbContext } from "../lib/context";
import { appError, FieldError } from "../lib/errors";
import { requireUser } from "../lib/session.server";
import { IMAGE_RULES } from "../lib/storage.server";
import coursesCss from "../styles/courses.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: coursesCss }];

/** `?supprimer=module|lecon&id=…`: the delete button asks for the confirmation step. */
function deletionAsked(url: URL): trash.TrashTarget | null {
  const kind = { module: "module", lecon: "lesson" }[url.searchParams.get("supprimer") ?? ""] as "module" | "lesson" | undefined;
  const id = url.searchParams.get("id");
  return kind && id ? { kind, id } : null;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return trash.loadCourseEditor(context.get(dbContext), user, params.courseId, deletionAsked(new URL(request.url)));
}

const structureError = (intent: string, target: string, messageKey: string) =>
  data({ intent, structure: { intent, target, messageKey } as StructureError }, { status: 400 });

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const courseId = params.courseId;
  // A cover is the largest thing posted here; refuse bigger bodies before reading them.
  if (Number(request.headers.get("Content-Length") ?? 0) > IMAGE_RULES.maxBytes + 64 * 1024) {
    throw appError(413, "file_too_large", "files:errors.too_large", { max: Math.round(IMAGE_RULES.maxBytes / 1024 / 1024) });
  }
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = (ok: string) => redirect(`${href("/creer/cours/:courseId", { courseId })}?ok=${ok}`);

  switch (intent) {
    case "details": {
      const submission = parseWithZod(formData, { schema: CourseDetailsSchema });
      if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
      try {
        await authoring.updateCourseDetails(db, user, courseId, submission.value);
      } catch (error) {
        if (error instanceof FieldError) {
          return data({ intent, reply: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) }, { status: 400 });
        }
        throw error;
      }
      return back("details");
    }
    case "cover": {
      const submission = parseWithZod(formData, { schema: CoverSchema });
      if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
      await authoring.setCourseCover(db, user, courseId, { file: submission.value.cover, alt: submission.value.coverAlt });
      return back("cover");
    }
    case "remove-cover":
      await authoring.removeCourseCover(db, user, courseId);
      return back("cover");
    case "publish":
    case "unpublish":
      await authoring.setCoursePublished(db, user, courseId, intent === "publish");
      return back(intent === "publish" ? "published" : "unpublished");
    case "add-module": {
      const submission = parseWithZod(formData, { schema: ModuleTitleSchema });
      if (submission.status !== "success") return structureError(intent, "new", submission.error?.title?.[0] ?? "courses:errors.title_required");
      await authoring.addModule(db, user, courseId, submission.value.title);
      return back("structure");
    }
    case "rename-module": {
      const submission = parseWithZod(formData, { schema: ModuleTitleSchema.extend(IdSchema.shape) });
      if (submission.status !== "success") {
        return structureError(intent, String(formData.get("id")), submission.error?.title?.[0] ?? "courses:errors.title_required");
      }
      await authoring.renameModule(db, user, courseId, submission.value.id, submission.value.title);
      return back("structure");
    }
    case "add-lesson": {
      const submission = parseWithZod(formData, { schema: NewLessonSchema });
      if (submission.status !== "success") {
        return structureError(intent, String(formData.get("moduleId")), submission.error?.title?.[0] ?? "courses:errors.title_required");
      }
      const lesson = await authoring.addLesson(db, user, courseId, submission.value.moduleId, submission.value.title);
      return redirect(href("/creer/cours/:courseId/lecons/:lessonId", { courseId, lessonId: lesson.id }));
    }
    case "move-module":
    case "move-lesson": {
      const submission = parseWithZod(formData, { schema: MoveSchema });
      if (submission.status !== "success") throw appError(400, "bad_request", "errors:bad_request");
      const move = intent === "move-module" ? authoring.moveModule : authoring.moveLesson;
      await move(db, user, courseId, submission.value.id, submission.value.direction);
      return back("structure");
    }
    case "trash-module":
    case "trash-lesson":
    case "restore-module":
    case "restore-lesson": {
      const submission = parseWithZod(formData, { schema: IdSchema });
      if (submission.status !== "success") throw appError(400, "bad_request", "errors:bad_request");
      const [verb, kind] = intent.split("-") as ["trash" | "restore", "module" | "lesson"];
      const change = verb === "trash" ? trash.trashCourseItem : trash.restoreCourseItem;
      await change(db, user, courseId, { kind, id: submission.value.id });
      return back(verb === "trash" ? "trashed" : "restored");
    }
    default:
      throw appError(400, "bad_request", "errors:bad_request");
  }
}

export default function EditCourse() {
  const { t } = useTranslation("courses");
  const { course, modules, trash: trashed, trashDays, pendingDeletion } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const ok = searchParams.get("ok") ?? (searchParams.has("cree") ? "created" : null);
  const reply = (intent: string) => (result && result.intent === intent && "reply" in result ? result.reply : undefined);
  const [detailsForm, fields] = useForm<Record<CourseField, string | string[]>>({
    id: "course-details",
    lastResult: reply("details"),
    defaultValue: { ...course, objectives: course.objectives.join("\n") } as Record<CourseField, string | string[]>,
  });
  const [coverForm, coverFields] = useForm<z.input<typeof CoverSchema>>({ id: "course-cover", lastResult: reply("cover") });
  const structure = result && "structure" in result ? result.structure : null;

  return (
    <div className="page authoring-page">
      <PageTitle>{t("edit.title", { title: course.title })}</PageTitle>
      <p className="breadcrumb">
        <a href={href("/creer/cours")}>{t("authoring.back")}</a>
      </p>
      <h1>{t("edit.title", { title: course.title })}</h1>
      {ok ? (
        <div className="alert success" role="status">
          <p>{t(`edit.ok.${ok}`, { defaultValue: t("edit.ok.saved") })}</p>
          {ok === "trashed" ? (
            <p>
              <a href="#corbeille-title">{t("trash.see")}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      {course.imported ? <p className="alert">{t("edit.imported_notice")}</p> : null}
      {pendingDeletion ? <DeletionConfirmation courseId={course.id} pending={pendingDeletion} trashDays={trashDays} /> : null}

      <section aria-labelledby="publication-title">
        <h2 id="publication-title">{t("edit.publication")}</h2>
        <p>{t(`edit.status_${course.status}`)}</p>
        <div className="actions">
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value={course.status === "published" ? "unpublish" : "publish"} className="button primary">
              {course.status === "published" ? t("edit.unpublish") : t("edit.publish")}
            </button>
          </Form>
          <a className="button secondary" href={href("/cours/:slug", { slug: course.slug })}>
            {course.status === "published" ? t("edit.view") : t("edit.preview")}
          </a>
        </div>
      </section>

      <section aria-labelledby="structure-title">
        <h2 id="structure-title">{t("edit.structure")}</h2>
        <CourseStructure courseId={course.id} modules={modules} error={structure} />
      </section>

      <section aria-labelledby="corbeille-title">
        <h2 id="corbeille-title">{t("trash.title")}</h2>
        <CourseTrash items={trashed} trashDays={trashDays} />
      </section>

      <section aria-labelledby="cover-title">
        <h2 id="cover-title">{t("edit.cover")}</h2>
        {course.coverImageKey ? (
          <div className="cover-preview">
            <img src={courseImageUrl(course.coverImageKey)} alt={course.coverAlt ?? ""} />
            <p>{t("edit.cover_alt_now", { alt: course.coverAlt })}</p>
            <Form method="post">
              <button type="submit" name="intent" value="remove-cover" className="button secondary">
                {t("edit.cover_remove")}
              </button>
            </Form>
          </div>
        ) : (
          <p>{t("edit.no_cover")}</p>
        )}
        <ErrorSummary form={coverForm} />
        <Form method="post" encType="multipart/form-data" {...getFormProps(coverForm)} noValidate>
          <div className="field">
            <label htmlFor={coverFields.cover.id}>{t("fields.cover")}</label>
            <p className="hint" id={`${coverFields.cover.id}-hint`}>
              {t("fields.cover_hint")}
            </p>
            <input
              id={coverFields.cover.id}
              name={coverFields.cover.name}
              type="file"
              accept="image/png,image/jpeg,image/webp,image/gif"
              aria-describedby={`${coverFields.cover.id}-hint`}
              aria-invalid={coverFields.cover.errors?.length ? true : undefined}
            />
            <FieldErrors id={coverFields.cover.errorId} errors={coverFields.cover.errors} />
          </div>
          <div className="field">
            <label htmlFor={coverFields.coverAlt.id}>
              {t("fields.cover_alt")}
              <span className="required"> {t("common:form.required")}</span>
            </label>
            <p className="hint" id={`${coverFields.coverAlt.id}-hint`}>
              {t("fields.cover_alt_hint")}
            </p>
            <input
              id={coverFields.coverAlt.id}
              name={coverFields.coverAlt.name}
              type="text"
              defaultValue={(coverFields.coverAlt.initialValue as string | undefined) ?? course.coverAlt ?? ""}
              aria-describedby={`${coverFields.coverAlt.id}-hint`}
              aria-invalid={coverFields.coverAlt.errors?.length ? true : undefined}
            />
            <FieldErrors id={coverFields.coverAlt.errorId} errors={coverFields.coverAlt.errors} />
          </div>
          <button type="submit" name="intent" value="cover" className="button primary">
            {t("edit.cover_submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t("edit.details")}</h2>
        <ErrorSummary form={detailsForm} />
        <Form method="post" {...getFormProps(detailsForm)} noValidate className="narrow-form">
          <CourseDetailsFields fields={fields} />
          <button type="submit" name="intent" value="details" className="button primary">
            {t("edit.details_submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
