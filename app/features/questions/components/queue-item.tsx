import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { useTranslation } from "../../../lib/use-translation";
import { Form, href } from "react-router";
import { ActionMessage, useActionReply } from "../../../components/ui/action-reply";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { FieldErrors } from "../../../components/ui/form-field";
import { formatDateTime } from "../../../lib/i18n";
import type { z } from "zod";
import type { QueueFormSchema } from "../schemas";

export interface QueueQuestion {
  id: string;
  body: string;
  visibility: "tutors" | "learners";
  from_pupil: boolean;
  answer: string | null;
  created_at: Date | string;
  lesson_id: string;
  lesson_title: string;
  course_slug: string;
  asker_name: string;
}

function QuestionHeader({ q }: { q: QueueQuestion }) {
  const { t, i18n } = useTranslation("questions");
  return (
    <>
      <h3 id={`question-${q.id}-title`}>
        {t("queue.question_from", { name: q.asker_name })} — <a href={href("/cours/:slug/lecons/:lessonId", { slug: q.course_slug, lessonId: q.lesson_id })}>{q.lesson_title}</a>
      </h3>
      <p className="hint">
        {formatDateTime(q.created_at, i18n.language)} · {q.from_pupil ? t("queue.pupil") : q.visibility === "learners" ? t("queue.public") : t("queue.private")}
      </p>
      <p className="question-body">{q.body}</p>
    </>
  );
}

/** An open question and the form to answer it (several on the page: each form is told apart by its id). */
export function AnswerItem({ q }: { q: QueueQuestion }) {
  const { t } = useTranslation("questions");
  const reply = useActionReply("answer");
  const mine = reply && reply.initialValue?.questionId === q.id ? reply : undefined;
  const [form, fields] = useForm<z.input<typeof QueueFormSchema> & { intent: "answer" }>({ lastResult: mine, id: `answer-${q.id}` });
  return (
    <li className="question" id={`question-${q.id}`}>
      <QuestionHeader q={q} />
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="questionId" value={q.id} />
        <div className="field">
          <label htmlFor={fields.answer.id}>{t("queue.answer_label")}</label>
          <textarea {...getTextareaProps(fields.answer)} key={fields.answer.key} rows={5} required />
          <FieldErrors id={fields.answer.errorId} errors={fields.answer.errors} />
        </div>
        {q.visibility === "learners" && !q.from_pupil ? (
          <p>
            <label>
              <input type="checkbox" name="publish" value="1" /> {t("queue.publish_now")}
            </label>
          </p>
        ) : null}
        <button type="submit" className="button primary">
          {t("queue.send_answer")}
        </button>
      </Form>
    </li>
  );
}

/** An answered public question waiting for a tutor's approval before it shows under the lesson. */
export function ApproveItem({ q }: { q: QueueQuestion }) {
  const { t } = useTranslation("questions");
  const reply = useActionReply("approve");
  const mine = reply && reply.initialValue?.questionId === q.id ? reply : undefined;
  return (
    <li className="question" id={`question-${q.id}`}>
      <QuestionHeader q={q} />
      <div className="question-answer">
        <p>
          <strong>{t("lesson.answer")}</strong>
        </p>
        <p className="question-body">{q.answer}</p>
      </div>
      <ActionMessage reply={mine} />
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="approve" />
        <input type="hidden" name="questionId" value={q.id} />
        <button type="submit" className="button secondary">
          {t("queue.approve")}
        </button>
      </Form>
    </li>
  );
}
