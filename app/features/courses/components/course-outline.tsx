import { href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import type { OutlineModule } from "../outline";
import { Duration } from "./course-meta";

/** Modules and their lessons, each a link; finished lessons say so in words, not only with a mark. */
export function CourseOutline({
  slug,
  modules,
  headingLevel,
  showProgress,
  currentLessonId,
}: {
  slug: string;
  modules: OutlineModule[];
  headingLevel: 2 | 3;
  showProgress: boolean;
  currentLessonId?: string;
}) {
  const { t } = useTranslation("courses");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="course-outline">
      {modules.map((module) => (
        <div key={module.id} className="outline-module">
          <Heading>{module.title}</Heading>
          {module.lessons.length ? (
            <ol className="outline-lessons">
              {module.lessons.map((lesson) => (
                <li key={lesson.id} className={showProgress && lesson.completed ? "done" : undefined}>
                  <a href={href("/cours/:slug/lecons/:lessonId", { slug, lessonId: lesson.id })} aria-current={lesson.id === currentLessonId ? "page" : undefined}>
                    <span className="outline-number">{lesson.number}.</span> {lesson.title}
                  </a>{" "}
                  <span className="outline-minutes">
                    (<Duration minutes={lesson.minutes} />)
                  </span>
                  {showProgress && lesson.completed ? <span className="outline-done"> — {t("outline.done")}</span> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="hint">{t("outline.empty_module")}</p>
          )}
        </div>
      ))}
    </div>
  );
}
