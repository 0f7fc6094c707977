import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/courses.authoring";
import { PageTitle } from "../components/ui/page-title";
import { Pagination } from "../components/ui/pagination";
import { TableScroll } from "../components/ui/table-scroll";
import { listMyCourses } from "../features/courses/authoring.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { pageParam } from "../lib/ids";
import { requireUser } from "../lib/session.server";
import coursesCss from "../styles/courses.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: coursesCss }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return listMyCourses(context.get(dbContext), user, pageParam(new URL(request.url)));
}

export default function Authoring() {
  const { t, i18n } = useTranslation("courses");
  const { courses, all, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <PageTitle>{t("authoring.title")}</PageTitle>
      <h1>{t("authoring.title")}</h1>
      <p className="lead">{all ? t("authoring.lead_all") : t("authoring.lead_own")}</p>
      <p className="actions">
        <a className="button primary" href={href("/creer/cours/nouveau")}>
          {t("authoring.new")}
        </a>
      </p>
      {courses.length ? (
        <TableScroll label={t("authoring.count", { count: total })}>
          <table className="data-table">
            <caption>{t("authoring.count", { count: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("authoring.col_title")}</th>
                <th scope="col">{t("authoring.col_status")}</th>
                <th scope="col">{t("authoring.col_lessons")}</th>
                <th scope="col">{t("authoring.col_updated")}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={href("/creer/cours/:courseId", { courseId: c.id })}>{c.title}</a>
                  </td>
                  <td>{t(`status.${c.status}`)}</td>
                  <td>{c.lessonCount}</td>
                  <td>{formatDate(c.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p>{t("authoring.none")}</p>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </div>
  );
}
