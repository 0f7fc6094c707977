import { useTranslation } from "../lib/use-translation";
import { Form, href, useLoaderData } from "react-router";
import type { Route } from "./+types/courses.catalogue";
import { PageTitle } from "../components/ui/page-title";
import { Pagination } from "../components/ui/pagination";
import { CourseCard } from "../features/courses/components/course-card";
import { loadCatalogue } from "../features/courses/learning.server";
import { parseCatalogueFilters } from "../features/courses/schemas";
import { AUDIENCES, LEVELS, THEMES } from "../features/courses/vocabulary";
import { dbContext } from "../lib/context";
import { currentUser } from "../lib/session.server";
import coursesCss from "../styles/courses.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: coursesCss }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const filters = parseCatalogueFilters(new URL(request.url));
  const result = await loadCatalogue(context.get(dbContext), currentUser(context), filters);
  return { ...result, filters };
}

export default function Catalogue() {
  const { t } = useTranslation("courses");
  const { courses, inProgress, total, page, pageCount, filters } = useLoaderData<typeof loader>();
  const filtered = !!(filters.q || filters.audience || filters.theme || filters.level);
  return (
    <div className="page">
      <PageTitle>{t("catalogue.title")}</PageTitle>
      <h1>{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.lead")}</p>

      {inProgress.length ? (
        <section aria-labelledby="in-progress-title" className="in-progress">
          <h2 id="in-progress-title">{t("catalogue.in_progress")}</h2>
          <ul>
            {inProgress.map((c) => (
              <li key={c.slug}>
                <a href={href("/cours/:slug/reprendre", { slug: c.slug })}>{c.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Form method="get" role="search" className="catalogue-filters" aria-label={t("catalogue.search_region")}>
        <div className="field">
          <label htmlFor="catalogue-q">{t("catalogue.search_label")}</label>
          <p className="hint" id="catalogue-q-hint">
            {t("catalogue.search_hint")}
          </p>
          <input id="catalogue-q" type="search" name="q" defaultValue={filters.q ?? ""} aria-describedby="catalogue-q-hint" />
        </div>
        <div className="filter-row">
          <div className="field">
            <label htmlFor="catalogue-audience">{t("catalogue.audience")}</label>
            <select id="catalogue-audience" name="public" defaultValue={filters.audience ?? ""}>
              <option value="">{t("catalogue.any_audience")}</option>
              {AUDIENCES.map((a) => (
                <option key={a} value={a}>
                  {t(`audiences.${a}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="catalogue-theme">{t("catalogue.theme")}</label>
            <select id="catalogue-theme" name="theme" defaultValue={filters.theme ?? ""}>
              <option value="">{t("catalogue.any_theme")}</option>
              {THEMES.map((code) => (
                <option key={code} value={code}>
                  {t(`themes.${code}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="catalogue-level">{t("catalogue.level")}</label>
            <select id="catalogue-level" name="niveau" defaultValue={filters.level ?? ""}>
              <option value="">{t("catalogue.any_level")}</option>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`levels.${l}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="actions">
          <button type="submit" className="button primary">
            {t("catalogue.search_submit")}
          </button>
          {filtered ? (
            <a className="button secondary" href={href("/cours")}>
              {t("catalogue.clear")}
            </a>
          ) : null}
        </p>
      </Form>

      <section aria-labelledby="results-title">
        <h2 id="results-title">{filtered ? t("catalogue.results", { count: total }) : t("catalogue.all", { count: total })}</h2>
        {courses.length ? (
          <ul className="cards course-cards">
            {courses.map((course) => (
              <CourseCard key={course.slug} course={course} />
            ))}
          </ul>
        ) : (
          <p>{t("catalogue.none")}</p>
        )}
        <Pagination page={page} pageCount={pageCount} />
      </section>
    </div>
  );
}
