import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/questions.ask";
import { ErrorSummary } from "../components/ui/error-summary";
import { FieldErrors } from "../components/ui/form-field";
import { useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { OwnQuestions } from "../features/questions/components/lesson-questions";
import { AskFormSchema } from "../features/questions/schemas";
import { askQuestion, getAskPage, markQuestionUseful } from "../features/questions/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import questionsCss from "../styles/questions.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: questionsCss }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const sent = new URL(request.url).searchParams.has("envoyee");
  return { ...(await getAskPage(context.get(dbContext), user, params.slug, params.lessonId)), sent };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const lesson = href("/cours/:slug/lecons/:lessonId", params);
  return handleForm(request, AskFormSchema, async (value) => {
    if (value.intent === "useful") {
      await markQuestionUseful(db, user, params.slug, params.lessonId, value.questionId);
      return redirect(`${lesson}#question-${value.questionId}`);
    }
    const { id } = await askQuestion(db, user, params.slug, params.lessonId, value);
    return redirect(`${href("/cours/:slug/lecons/:lessonId/question", params)}?${new URLSearchParams({ envoyee: "1" })}#question-${id}`);
  });
}

/** « Je ne comprends pas… »: a question on one lesson, to the course's tutors (a pupil's, to their teachers). */
export default function AskQuestion({ params }: Route.ComponentProps) {
  const { t } = useTranslation("questions");
  const { lesson, pupil, mine, sent } = useLoaderData<typeof loader>();
  const reply = useActionReply("ask");
  const [form, fields] = useForm({ lastResult: reply, id: "ask", defaultValue: { body: "", visibility: "tutors" } });
  return (
    <div className="page narrow">
      <PageTitle>{t("ask.title", { lesson: lesson.title })}</PageTitle>
      <p>
        <a href={href("/cours/:slug/lecons/:lessonId", params)}>{t("ask.back", { lesson: lesson.title })}</a>
      </p>
      <h1>{t("ask.title", { lesson: lesson.title })}</h1>
      {sent ? (
        <div className="alert success" role="status">
          <p>{t("ask.sent")}</p>
        </div>
      ) : null}
      <p>{pupil ? t("ask.intro_pupil") : t("ask.intro", { course: lesson.course_title })}</p>
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate className="ask-form">
        <input type="hidden" name="intent" value="ask" />
        <div className="field">
          <label htmlFor={fields.body.id}>{t("ask.body_label")}</label>
          <p className="hint" id={`${fields.body.id}-hint`}>
            {t("ask.body_hint")}
          </p>
          <textarea {...getTextareaProps(fields.body, { ariaDescribedBy: `${fields.body.id}-hint` })} key={fields.body.key} rows={6} required />
          <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
        </div>
        {pupil ? (
          <input type="hidden" name="visibility" value="tutors" />
        ) : (
          <fieldset className="choices">
            <legend>{t("ask.visibility_legend")}</legend>
            <label>
              <input type="radio" name={fields.visibility.name} value="tutors" defaultChecked={(fields.visibility.value ?? "tutors") === "tutors"} />
              <span>{t("ask.visibility_tutors")}</span>
            </label>
            <label>
              <input type="radio" name={fields.visibility.name} value="learners" defaultChecked={fields.visibility.value === "learners"} />
              <span>{t("ask.visibility_learners")}</span>
            </label>
            <FieldErrors id={fields.visibility.errorId} errors={fields.visibility.errors} />
          </fieldset>
        )}
        <button type="submit" className="button primary big">
          {t("ask.submit")}
        </button>
      </Form>
      {mine.length > 0 ? <OwnQuestions questions={mine} headingLevel={2} /> : null}
    </div>
  );
}
