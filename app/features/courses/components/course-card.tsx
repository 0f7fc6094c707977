import { href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import type { Audience, CourseLevel } from "../../../../db/schema/courses";
import { courseImageUrl } from "../rich-text/urls";
import { Duration } from "./course-meta";

export interface CourseCardData {
  slug: string;
  title: string;
  summary: string;
  audiences: Audience[];
  level: CourseLevel;
  coverImageKey: string | null;
  coverAlt: string | null;
  lessonCount: number;
  minutes: number;
  state: "started" | "completed" | null;
}

export function CourseCard({ course }: { course: CourseCardData }) {
  const { t } = useTranslation("courses");
  return (
    <li className="card course-card">
      {course.coverImageKey ? (
        <img className="course-card-cover" src={courseImageUrl(course.coverImageKey)} alt={course.coverAlt ?? ""} loading="lazy" />
      ) : null}
      <h3>
        <a href={href("/cours/:slug", { slug: course.slug })}>{course.title}</a>
      </h3>
      {course.state ? <p className={`course-state ${course.state}`}>{t(`state.${course.state}`)}</p> : null}
      <p>{course.summary}</p>
      <ul className="course-facts">
        <li>{t(`levels.${course.level}`)}</li>
        <li>
          <Duration minutes={course.minutes} />
        </li>
        <li>{t("lessons_count", { count: course.lessonCount })}</li>
        <li>{course.audiences.map((a) => t(`audiences.${a}`)).join(", ")}</li>
      </ul>
    </li>
  );
}
