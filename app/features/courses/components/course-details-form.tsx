import { getFormProps, useForm } from "@conform-to/react";
import { Form } from "react-router";
import { ErrorSummary } from "../../../components/ui/error-summary";
import type { ActionReply } from "../../../lib/action-reply";
import { useTranslation } from "../../../lib/use-translation";
import { CourseDetailsFields, type CourseField } from "./course-details-fields";

/** The course's title, summary, objectives, publics, themes and level, as saved or as last posted. */
export function CourseDetailsForm({ course, reply }: { course: Record<string, unknown> & { objectives: string[] }; reply: ActionReply | undefined }) {
  const { t } = useTranslation("courses");
  const [detailsForm, fields] = useForm<Record<CourseField, string | string[]>>({
    id: "course-details",
    lastResult: reply,
    defaultValue: { ...course, objectives: course.objectives.join("\n") } as Record<CourseField, string | string[]>,
  });
  return (
    <>
      <ErrorSummary form={detailsForm} />
      <Form method="post" {...getFormProps(detailsForm)} noValidate className="narrow-form">
        <CourseDetailsFields fields={fields} />
        <button type="submit" name="intent" value="details" className="button primary">
          {t("edit.details_submit")}
        </button>
      </Form>
    </>
  );
}
