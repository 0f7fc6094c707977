import { useTranslation } from "../../../lib/use-translation";
import { Form, href } from "react-router";
import { formatDate } from "../../../lib/i18n";

interface QuestionItem {
  id: string;
  body: string;
  visibility: "tutors" | "learners";
  answer: string | null;
  answered_at: Date | string | null;
  published_at: Date | string | null;
  created_at: Date | string;
}

type Heading = 2 | 3;

function Answer({ answer }: { answer: string | null }) {
  const { t } = useTranslation("questions");
  if (!answer) return null;
  return (
    <div className="question-answer">
      <p>
        <strong>{t("lesson.answer")}</strong>
      </p>
      <p className="question-body">{answer}</p>
    </div>
  );
}

/** The person's own questions on a lesson, with their state in words. */
export function OwnQuestions({ questions, headingLevel }: { questions: QuestionItem[]; headingLevel: Heading }) {
  const { t, i18n } = useTranslation("questions");
  const H = `h${headingLevel}` as const;
  return (
    <section aria-labelledby="my-questions-heading" id="mes-questions">
      <H id="my-questions-heading">{t("lesson.mine", { count: questions.length })}</H>
      <ul className="question-list">
        {questions.map((q) => (
          <li key={q.id} id={`question-${q.id}`} className="question">
            <p className="hint">
              {t("lesson.asked_on", { date: formatDate(q.created_at, i18n.language) })} ·{" "}
              {q.answered_at ? t("lesson.state_answered") : t("lesson.state_waiting")} ·{" "}
              {q.visibility === "learners" ? (q.published_at ? t("lesson.state_shown") : t("lesson.state_public_pending")) : t("lesson.state_private")}
            </p>
            <p className="question-body">{q.body}</p>
            <Answer answer={q.answer} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Under a lesson: « Poser une question », the person's own questions, and the
 * answered questions tutors approved for everyone, each with « Cette réponse
 * m'a aidé ».
 */
export function LessonQuestions({
  slug,
  lessonId,
  signedIn,
  mine,
  published,
}: {
  slug: string;
  lessonId: string;
  signedIn: boolean;
  mine: QuestionItem[];
  published: (QuestionItem & { useful_count: number; found_useful: boolean })[];
}) {
  const { t } = useTranslation("questions");
  const ask = href("/cours/:slug/lecons/:lessonId/question", { slug, lessonId });
  return (
    <section aria-labelledby="questions-heading" id="questions" className="lesson-questions">
      <h2 id="questions-heading">{t("lesson.heading")}</h2>
      {signedIn ? (
        <p>
          <a className="button secondary big" href={ask}>
            {t("lesson.ask")}
          </a>
        </p>
      ) : null}
      {mine.length > 0 ? <OwnQuestions questions={mine} headingLevel={3} /> : null}
      {published.length > 0 ? (
        <>
          <h3>{t("lesson.others", { count: published.length })}</h3>
          <ul className="question-list">
            {published.map((q) => (
              <li key={q.id} id={`question-${q.id}`} className="question">
                <p className="question-body">{q.body}</p>
                <Answer answer={q.answer} />
                <p className="hint">{t("lesson.useful_count", { count: q.useful_count })}</p>
                {signedIn && !q.found_useful ? (
                  <Form method="post" action={ask} className="inline-form">
                    <input type="hidden" name="intent" value="useful" />
                    <input type="hidden" name="questionId" value={q.id} />
                    <button type="submit" className="link-button">
                      {t("lesson.useful")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : mine.length === 0 ? (
        <p>{t("lesson.none")}</p>
      ) : null}
    </section>
  );
}
