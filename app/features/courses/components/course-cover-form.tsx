import { getFormProps, useForm } from "@conform-to/react";
import type { z } from "zod";
import { Form } from "react-router";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { FieldErrors } from "../../../components/ui/form-field";
import type { ActionReply } from "../../../lib/action-reply";
import { useTranslation } from "../../../lib/use-translation";
import { courseImageUrl } from "../rich-text/urls";
import type { CoverSchema } from "../schemas";

/** The course's cover: the current image with "Retirer", and the upload form with its required alternative text. */
export function CourseCoverForm({ course, reply }: { course: { coverImageKey: string | null; coverAlt: string | null }; reply: ActionReply | undefined }) {
  const { t } = useTranslation("courses");
  const [coverForm, coverFields] = useForm<z.input<typeof CoverSchema>>({ id: "course-cover", lastResult: reply });
  return (
    <>
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
      <ErrorSummary form={coverForm} values={reply?.values} />
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
    </>
  );
}
