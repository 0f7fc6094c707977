import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/courses.lesson";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { Duration, ProgressMeter } from "../features/courses/components/course-meta";
import { CourseOutline } from "../features/courses/components/course-outline";
import { completeLessonAndContinue, loadLessonPage } from "../features/courses/learning.server";
import { renderRichText } from "../features/courses/rich-text/render";
import { CompleteLessonSchema } from "../features/courses/schemas";
import { lessonRenderers } from "../features/h5p/lesson-node";
import { lessonScore } from "../features/h5p/progress.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { currentUser, requireUser } from "../lib/session.server";
import coursesCss from "../styles/courses.css?url";
import { awardEarnedBadges } from "../features/badges/service.server";
import { publicBaseUrl } from "../features/badges/urls.server";
import { LessonQuestions } from "../features/questions/components/lesson-questions";
import { lessonQuestions } from "../features/questions/service.server";
import questionsCss from "../styles/questions.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: coursesCss },
  { rel: "stylesheet", href: questionsCss },
];

export async function loader({ params, context }: Route.LoaderArgs) {
  const user = currentUser(context);
  const db = context.get(dbContext);
  const page = await loadLessonPage(db, user, params.slug, params.lessonId);
  const questions = page.course.status === "published" ? await lessonQuestions(db, user, params.lessonId) : { mine: [], published: [] };
  return { ...page, signedIn: !!user, activityScore: await lessonScore(db, user?.id ?? null, params.lessonId), questions };
}

/** "J'ai terminé cette leçon" — idempotent: a double submit stores one completion. */
export async function action({ params, request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, CompleteLessonSchema, async ({ openedAt }) => {
    const { redirectTo, courseCompletedNow } = await completeLessonAndContinue(db, user, params.slug, params.lessonId, openedAt ?? null);
    // A course just completed may earn a badge (the course's, or a path's): issued now, announced on the course page.
    const badges = courseCompletedNow ? await awardEarnedBadges(db, user.id, publicBaseUrl(request)) : [];
    return redirect(badges.length ? `${redirectTo}&badge=${badges.length}` : redirectTo);
  });
}

export default function LessonPage() {
  const { t } = useTranslation("courses");
  const data = useLoaderData<typeof loader>();
  const reply = useActionReply();
  const { course, lesson } = data;
  const lessonHref = (id: string) => href("/cours/:slug/lecons/:lessonId", { slug: course.slug, lessonId: id });
  const here = lessonHref(lesson.id);
  return (
    <div className="page lesson-page">
      <PageTitle>{`${lesson.title} — ${course.title}`}</PageTitle>
      <nav aria-label={t("lesson.course_nav")} className="lesson-top">
        <a href={href("/cours/:slug", { slug: course.slug })}>{t("lesson.back_to_course", { title: course.title })}</a>
      </nav>
      {course.status === "draft" ? (
        <div className="alert" role="status">
          <p>{t("course.draft_notice")}</p>
        </div>
      ) : null}
      {data.signedIn ? <ProgressMeter id="course-progress" completed={data.progress.completed} total={data.progress.total} /> : null}

      <article className="lesson" aria-labelledby="lesson-title">
        <header>
          <p className="lesson-kicker">
            {t("lesson.number", { number: lesson.number, count: data.lessonCount })} · {data.module.title} ·{" "}
            <Duration minutes={lesson.minutes} />
          </p>
          <h1 id="lesson-title">{lesson.title}</h1>
        </header>
        <div className="lesson-body">{renderRichText(data.body, { t, renderers: lessonRenderers(lesson.id, data.openedAt) })}</div>
      </article>

      <div className="lesson-complete">
        <ActionMessage reply={reply} />
        {!data.signedIn ? (
          <p>
            <a className="button secondary big" href={`${href("/connexion")}?retour=${encodeURIComponent(here)}`}>
              {t("lesson.sign_in_to_save")}
            </a>
          </p>
        ) : lesson.completed ? (
          <p className="course-state completed">
            {t("lesson.already_done")}
            {data.activityScore !== null ? ` ${t("h5p:lesson.score", { score: Math.round(data.activityScore * 100) })}` : ""}
          </p>
        ) : course.status === "published" ? (
          <Form method="post">
            {data.openedAt ? <input type="hidden" name="openedAt" value={data.openedAt} /> : null}
            <button type="submit" className="button primary big">
              {t("lesson.complete")}
            </button>
          </Form>
        ) : null}
      </div>

      {course.status === "published" ? (
        <LessonQuestions slug={course.slug} lessonId={lesson.id} signedIn={data.signedIn} mine={data.questions.mine} published={data.questions.published} />
      ) : null}

      <nav aria-label={t("lesson.pager")} className="lesson-pager">
        {data.previous ? (
          <a className="button secondary big" rel="prev" href={lessonHref(data.previous.id)}>
            <span aria-hidden="true">←</span> {t("lesson.previous", { title: data.previous.title })}
          </a>
        ) : (
          <span />
        )}
        {data.next ? (
          <a className="button secondary big" rel="next" href={lessonHref(data.next.id)}>
            {t("lesson.next", { title: data.next.title })} <span aria-hidden="true">→</span>
          </a>
        ) : null}
      </nav>

      <details className="lesson-outline">
        <summary>{t("lesson.outline")}</summary>
        <CourseOutline slug={course.slug} modules={data.modules} headingLevel={2} showProgress={data.signedIn} currentLessonId={lesson.id} />
      </details>
    </div>
  );
}
