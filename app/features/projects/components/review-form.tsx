import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { Form, useActionData } from "react-router";
import type { z } from "zod";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { FieldErrors } from "../../../components/ui/form-field";
import { TableScroll } from "../../../components/ui/table-scroll";
import type { ActionReply } from "../../../lib/action-reply";
import { useTranslation } from "../../../lib/use-translation";
import { competenceLabel, PIX_LEVELS } from "../competences";
import { REVIEW_DECISIONS, type ReviewSchema } from "../schemas";
import type { getSubmission } from "../submissions.server";
import { PupilName, pupilText } from "./pupil-name";

/** The teacher's feedback on a submission: a decision, a comment and a competence level per pupil. */
export function ReviewForm({ s }: { s: Awaited<ReturnType<typeof getSubmission>> }) {
  const { t, i18n } = useTranslation("projects");
  const lastResult = useActionData<ActionReply>();
  const [form, fields] = useForm<z.input<typeof ReviewSchema>>({ lastResult, id: "review", defaultValue: { decision: "", comment: "" } });
  return (
    <section aria-labelledby="review-heading" className="review-form">
      <h2 id="review-heading">{t("review.heading")}</h2>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate className="stack">
        <fieldset aria-describedby={fields.decision.errors?.length ? fields.decision.errorId : undefined}>
          <legend>{t("review.decision")}</legend>
          {REVIEW_DECISIONS.map((d) => (
            <label key={d} className="choice">
              <input type="radio" name={fields.decision.name} value={d} required /> {t(`review.decisions.${d}`)}
            </label>
          ))}
          <FieldErrors id={fields.decision.errorId} errors={fields.decision.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.comment.id}>{t("review.comment")}</label>
          <p className="hint" id={`${fields.comment.id}-hint`}>
            {t("review.comment_hint")}
          </p>
          <textarea {...getTextareaProps(fields.comment, { ariaDescribedBy: `${fields.comment.id}-hint` })} key={fields.comment.key} rows={6} />
          <FieldErrors id={fields.comment.errorId} errors={fields.comment.errors} />
        </div>
        {s.project.competences.length && s.members.length ? (
          <fieldset>
            <legend>{t("review.levels")}</legend>
            <p className="hint">{t("review.levels_hint")}</p>
            <TableScroll label={t("review.levels")}>
              <table className="data-table assessment-grid">
                <caption className="visually-hidden">{t("review.levels")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("class.col_name")}</th>
                    {s.project.competences.map((c) => (
                      <th key={c} scope="col">
                        {competenceLabel(c, i18n.language)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.members.map((m) => (
                    <tr key={m.seatId}>
                      <th scope="row">
                        <PupilName pupil={m} />
                      </th>
                      {s.project.competences.map((c) => {
                        const id = `level-${m.seatId}-${c.replace(".", "-")}`;
                        return (
                          <td key={c}>
                            <label htmlFor={id} className="visually-hidden">
                              {t("review.level_for", { name: pupilText(t, m), competence: competenceLabel(c, i18n.language) })}
                            </label>
                            <select id={id} name="assessment" defaultValue="">
                              <option value="">{t("review.not_assessed")}</option>
                              {PIX_LEVELS.map((level) => (
                                <option key={level} value={`${m.seatId}|${c}|${level}`}>
                                  {t("feedback.level_value", { level })}
                                </option>
                              ))}
                            </select>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </fieldset>
        ) : null}
        <button type="submit" className="button primary">
          {t("review.submit")}
        </button>
      </Form>
    </section>
  );
}
