import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/my-results";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { myResults } from "../features/h5p/results.server";
import { dbContext } from "../lib/context";
import { formatDate, formatNumber } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import h5pCss from "../styles/h5p.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: h5pCss }];

/** A learner's results on interactive activities, course by course. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return { courses: await myResults(context.get(dbContext), user) };
}

export default function MyResults() {
  const { t, i18n } = useTranslation("h5p");
  const { courses } = useLoaderData<typeof loader>();
  const pct = (v: number | null) => (v === null ? "—" : formatNumber(v, i18n.language, { style: "percent" }));
  return (
    <div className="page">
      <PageTitle>{t("mine.title")}</PageTitle>
      <h1>{t("mine.title")}</h1>
      <p className="lead">{t("mine.intro")}</p>
      {courses.length === 0 ? <p>{t("mine.empty")}</p> : null}
      {courses.map((course, index) => (
        <section key={course.id ?? "none"} aria-labelledby={`course-${index}`}>
          <h2 id={`course-${index}`}>
            {course.slug ? <a href={href("/cours/:slug", { slug: course.slug })}>{course.title}</a> : t("mine.outside_courses")}
          </h2>
          <TableScroll label={course.title ?? t("mine.outside_courses")}>
            <table className="data-table">
              <caption className="visually-hidden">{course.title ?? t("mine.outside_courses")}</caption>
              <thead>
                <tr>
                  {course.id ? <th scope="col">{t("mine.lesson")}</th> : null}
                  <th scope="col">{t("mine.activity")}</th>
                  <th scope="col">{t("mine.best")}</th>
                  {course.id ? <th scope="col">{t("mine.lesson_status")}</th> : null}
                  <th scope="col">{t("mine.last_at")}</th>
                </tr>
              </thead>
              <tbody>
                {course.items.map((item) => (
                  <tr key={`${item.lessonId ?? ""}-${item.contentId}`}>
                    {course.id ? (
                      <td>{item.lessonId && course.slug ? <a href={href("/cours/:slug/lecons/:lessonId", { slug: course.slug, lessonId: item.lessonId })}>{item.lessonTitle}</a> : item.lessonTitle}</td>
                    ) : null}
                    <td>{item.activity}</td>
                    <td className="score-cell">{pct(item.best)}</td>
                    {course.id ? (
                      <td>
                        {item.lessonCompletedAt
                          ? t("mine.lesson_completed", {
                              date: formatDate(item.lessonCompletedAt, i18n.language, { dateStyle: "medium" }),
                              score: item.lessonScore === null ? "—" : pct(item.lessonScore),
                            })
                          : t("mine.lesson_in_progress")}
                      </td>
                    ) : null}
                    <td>{formatDate(item.lastAt, i18n.language, { dateStyle: "medium", timeStyle: "short" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
    </div>
  );
}
