import { Form, href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { ProgressMeter } from "../../courses/components/course-meta";
import { renderRichText } from "../../courses/rich-text/render";
import { lessonRenderers } from "../../h5p/lesson-node";
import { launchedActivityHref } from "../activity-urls";

export interface LaunchedLessonData {
  course: { title: string };
  module: { title: string };
  lesson: { id: string; title: string; number: number; completed: boolean };
  body: unknown;
  lessonCount: number;
  previous: { id: string; title: string } | null;
  next: { id: string; title: string } | null;
  progress: { completed: number; total: number };
  /** The signed « opened at » of the lesson page (decision 042): the time rule of badges counts from it. */
  openedAt: string | null;
}

/** A lesson opened from an LMS: the lesson itself, « J'ai terminé », and within a course its neighbours. */
export function LaunchedLesson({ launchId, page, justCompleted }: { launchId: string; page: LaunchedLessonData; justCompleted: boolean }) {
  const { t } = useTranslation("courses");
  const { t: tl } = useTranslation("lti");
  const { lesson } = page;
  // The lesson's activities play here, with this launch's cookie (decision 048).
  const activityHref = (contentId: string) => launchedActivityHref(launchId, lesson.id, contentId, page.openedAt);
  const lessonHref = (id: string) => `${href("/lti/l/:launchId", { launchId })}?lecon=${encodeURIComponent(id)}`;
  return (
    <div className="page lesson-page">
      <title>{`${lesson.title} — ${page.course.title}`}</title>
      <p className="lesson-kicker">{tl("launched.from_platform", { course: page.course.title })}</p>
      <ProgressMeter id="course-progress" completed={page.progress.completed} total={page.progress.total} />
      <article className="lesson" aria-labelledby="lesson-title">
        <header>
          <p className="lesson-kicker">
            {t("lesson.number", { number: lesson.number, count: page.lessonCount })} · {page.module.title}
          </p>
          <h1 id="lesson-title">{lesson.title}</h1>
        </header>
        <div className="lesson-body">{renderRichText(page.body, { t, renderers: lessonRenderers(lesson.id, page.openedAt, activityHref) })}</div>
      </article>
      <div className="lesson-complete">
        {justCompleted ? (
          <div className="alert success" role="status">
            <p>{tl("launched.completed")}</p>
          </div>
        ) : null}
        {lesson.completed ? (
          <p className="course-state completed">{t("lesson.already_done")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="complete" />
            <input type="hidden" name="lessonId" value={lesson.id} />
            {page.openedAt ? <input type="hidden" name="openedAt" value={page.openedAt} /> : null}
            <button type="submit" className="button primary big">
              {t("lesson.complete")}
            </button>
          </Form>
        )}
      </div>
      {page.previous || page.next ? (
        <nav aria-label={t("lesson.pager")} className="lesson-pager">
          {page.previous ? (
            <a className="button secondary big" rel="prev" href={lessonHref(page.previous.id)}>
              <span aria-hidden="true">←</span> {t("lesson.previous", { title: page.previous.title })}
            </a>
          ) : (
            <span />
          )}
          {page.next ? (
            <a className="button secondary big" rel="next" href={lessonHref(page.next.id)}>
              {t("lesson.next", { title: page.next.title })} <span aria-hidden="true">→</span>
            </a>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
