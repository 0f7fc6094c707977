import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/courses.edit";
import { ActionMessage } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { editCourse } from "../features/courses/authoring/edit-course.server";
import * as trash from "../features/courses/trash.server";
import { CourseCoverForm } from "../features/courses/components/course-cover-form";
import { CourseDetailsForm } from "../features/courses/components/course-details-form";
import { CourseStructure, isStructureForm, structureErrorOf } from "../features/courses/components/course-structure";
import { CourseTrash, DeletionConfirmation } from "../features/courses/components/course-trash";
import { CourseEditSchema } from "../features/courses/schemas";
import type { ActionReply } from "../lib/action-reply";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { appError } from "../lib/errors";
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

/** Every form of the page, told apart by its `intent` (CourseEditSchema); each success leads back with `?ok=`. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const courseId = params.courseId;
  // A cover is the largest thing posted here; refuse bigger bodies before reading them.
  if (Number(request.headers.get("Content-Length") ?? 0) > IMAGE_RULES.maxBytes + 64 * 1024) {
    throw appError(413, "file_too_large", "files:errors.too_large", { max: Math.round(IMAGE_RULES.maxBytes / 1024 / 1024) });
  }
  return handleForm(request, CourseEditSchema, async (edit) => {
    const outcome = await editCourse(db, user, courseId, edit);
    if ("lessonId" in outcome) return redirect(href("/creer/cours/:courseId/lecons/:lessonId", { courseId, lessonId: outcome.lessonId }));
    return redirect(`${href("/creer/cours/:courseId", { courseId })}?ok=${outcome.ok}`);
  });
}

export default function EditCourse() {
  const { t } = useTranslation("courses");
  const { course, modules, trash: trashed, trashDays, pendingDeletion } = useLoaderData<typeof loader>();
  const result = useActionData() as ActionReply | undefined;
  const [searchParams] = useSearchParams();
  const ok = searchParams.get("ok") ?? (searchParams.has("cree") ? "created" : null);
  const reply = (form: string) => (result?.form === form ? result : undefined);
  // The buttons' failures (an empty course published, a stale form) show at the top.
  const other = result && !["details", "cover"].includes(result.form) && !isStructureForm(result.form) ? result : undefined;

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
      <ActionMessage reply={other} />
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
        <CourseStructure courseId={course.id} modules={modules} error={structureErrorOf(result)} />
      </section>

      <section aria-labelledby="corbeille-title">
        <h2 id="corbeille-title">{t("trash.title")}</h2>
        <CourseTrash items={trashed} trashDays={trashDays} />
      </section>

      <section aria-labelledby="cover-title">
        <h2 id="cover-title">{t("edit.cover")}</h2>
        <CourseCoverForm course={course} reply={reply("cover")} />
      </section>

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t("edit.details")}</h2>
        <CourseDetailsForm course={course} reply={reply("details")} />
      </section>
    </div>
  );
}
