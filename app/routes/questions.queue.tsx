import { useTranslation } from "../lib/use-translation";
import { href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/questions.queue";
import { PageTitle } from "../components/ui/page-title";
import { AnswerItem, ApproveItem } from "../features/questions/components/queue-item";
import { QueueFormSchema } from "../features/questions/schemas";
import { answerQuestion, approveQuestion, getQuestionQueue } from "../features/questions/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import questionsCss from "../styles/questions.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: questionsCss }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const done = new URL(request.url).searchParams.get("fait");
  return { ...(await getQuestionQueue(context.get(dbContext), user)), done: done === "reponse" || done === "publiee" ? done : null };
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, QueueFormSchema, async (value) => {
    if (value.intent === "answer") await answerQuestion(db, user, value.questionId, value);
    else await approveQuestion(db, user, value.questionId);
    return redirect(`${href("/accompagnement/questions")}?${new URLSearchParams({ fait: value.intent === "answer" ? "reponse" : "publiee" })}`);
  });
}

/** The tutors' queue, course by course: questions to answer, then answers waiting for approval. */
export default function QuestionQueue() {
  const { t } = useTranslation("questions");
  const { courses, openCount, done } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{t("queue.title")}</PageTitle>
      <h1>{t("queue.title")}</h1>
      {done ? (
        <div className="alert success" role="status">
          <p>{t(done === "reponse" ? "queue.answered" : "queue.approved")}</p>
        </div>
      ) : null}
      <p>{t("queue.open_count", { count: openCount })}</p>
      {courses.length === 0 ? <p>{t("queue.empty")}</p> : null}
      {courses.map((course) => (
        <section key={course.slug} aria-labelledby={`course-${course.slug}`}>
          <h2 id={`course-${course.slug}`}>{course.title}</h2>
          {course.open.length > 0 ? (
            <ul className="question-list" aria-label={t("queue.to_answer")}>
              {course.open.map((q) => (
                <AnswerItem key={q.id} q={q} />
              ))}
            </ul>
          ) : null}
          {course.toApprove.length > 0 ? (
            <ul className="question-list" aria-label={t("queue.to_approve")}>
              {course.toApprove.map((q) => (
                <ApproveItem key={q.id} q={q} />
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </div>
  );
}
