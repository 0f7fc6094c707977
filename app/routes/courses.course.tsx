import { useTranslation } from "../lib/use-translation";
import { Form, href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/courses.course";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { Duration, ProgressMeter } from "../features/courses/components/course-meta";
import { CourseOutline } from "../features/courses/components/course-outline";
import { loadCoursePage, startCourse } from "../features/courses/learning.server";
import { courseImageUrl } from "../features/courses/rich-text/urls";
import { StartCourseSchema } from "../features/courses/schemas";
import { pixKey } from "../features/courses/vocabulary";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { currentUser, requireUser } from "../lib/session.server";
import coursesCss from "../styles/courses.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: coursesCss }];

export async function loader({ params, context }: Route.LoaderArgs) {
  const user = currentUser(context);
  const page = await loadCoursePage(context.get(dbContext), user, params.slug);
  return { ...page, signedIn: !!user };
}

/** « Commencer »: enrols (once, however often it is posted), then leads to the lesson (decision 042). */
export async function action({ params, request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  return handleForm(request, StartCourseSchema, async () => redirect(await startCourse(context.get(dbContext), user, params.slug)));
}

export default function CoursePage() {
  const { t } = useTranslation("courses");
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const reply = useActionReply("start");
  const { course, progress } = data;
  const justFinished = searchParams.has("termine") && data.completedAt;
  const startHref = (id: string | null) => (id ? href("/cours/:slug/lecons/:lessonId", { slug: course.slug, lessonId: id }) : null);
  const resumeHref = startHref(data.resumeLessonId);
  const firstHref = startHref(data.firstLessonId);
  return (
    <div className="page course-page">
      <PageTitle>{course.title}</PageTitle>
      <p className="breadcrumb">
        <a href={href("/cours")}>{t("course.back_to_catalogue")}</a>
      </p>
      {course.status === "draft" ? (
        <div className="alert" role="status">
          <p>{t("course.draft_notice")}</p>
        </div>
      ) : null}
      {justFinished ? (
        <div className="alert success" role="status">
          <p>{t("course.finished_now")}</p>
          {Number(searchParams.get("badge")) > 0 ? (
            <p>
              {t("course.badge_earned", { count: Number(searchParams.get("badge")) })} <a href={href("/badges")}>{t("course.see_badges")}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="course-head">
        <div>
          <h1>{course.title}</h1>
          <p className="lead">{course.summary}</p>
        </div>
        {course.coverImageKey ? <img className="course-cover" src={courseImageUrl(course.coverImageKey)} alt={course.coverAlt ?? ""} /> : null}
      </div>

      <dl className="details course-details">
        <dt>{t("course.duration")}</dt>
        <dd>
          <Duration minutes={data.totalMinutes} />
        </dd>
        <dt>{t("course.lessons")}</dt>
        <dd>{t("lessons_count", { count: data.lessonCount })}</dd>
        <dt>{t("course.level")}</dt>
        <dd>{t(`levels.${course.level}`)}</dd>
        <dt>{t("course.audience")}</dt>
        <dd>{course.audiences.map((a) => t(`audiences.${a}`)).join(", ")}</dd>
        {course.themes.length ? (
          <>
            <dt>{t("course.themes")}</dt>
            <dd>{course.themes.map((code) => t(`themes.${code}`)).join(", ")}</dd>
          </>
        ) : null}
      </dl>

      {data.enrolled ? <ProgressMeter id="course-progress" completed={progress.completed} total={progress.total} /> : null}
      {data.completedAt && !justFinished ? <p className="course-state completed">{t("course.completed")}</p> : null}

      <ActionMessage reply={reply} />
      <div className="actions">
        {data.enrolled && resumeHref ? (
          <a className="button primary big" href={resumeHref}>
            {data.completedAt ? t("course.review") : t("course.resume")}
          </a>
        ) : firstHref && data.signedIn && course.status === "published" ? (
          // A form, not a link: starting a course is recorded, and a page being read writes nothing.
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value="start" className="button primary big">
              {t("course.start")}
            </button>
          </Form>
        ) : firstHref ? (
          <a className="button primary big" href={firstHref}>
            {t("course.start")}
          </a>
        ) : null}
        {data.canEdit ? (
          <a className="button secondary" href={href("/creer/cours/:courseId", { courseId: course.id })}>
            {t("course.edit")}
          </a>
        ) : null}
      </div>
      {!data.signedIn ? (
        <p className="hint">
          <a href={`${href("/connexion")}?retour=${encodeURIComponent(href("/cours/:slug", { slug: course.slug }))}`}>{t("course.sign_in_to_save")}</a>
        </p>
      ) : null}

      {course.objectives.length ? (
        <section aria-labelledby="objectives-title">
          <h2 id="objectives-title">{t("course.objectives")}</h2>
          <ul className="objectives">
            {course.objectives.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="outline-title">
        <h2 id="outline-title">{t("course.outline")}</h2>
        <CourseOutline slug={course.slug} modules={data.modules} headingLevel={3} showProgress={data.enrolled} />
      </section>

      {course.competences.length ? (
        <section aria-labelledby="competences-title">
          <h2 id="competences-title">{t("course.competences")}</h2>
          <ul>
            {course.competences.map((code) => (
              <li key={code}>
                {t("course.pix", { code, label: t(pixKey(code)) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
