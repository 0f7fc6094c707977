import { useTranslation } from "../../lib/use-translation";
import { useLocation } from "react-router";

/** Previous / next links that keep the other query parameters. */
export function Pagination({ page, pageCount, param = "page" }: { page: number; pageCount: number; param?: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set(param, String(p));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav aria-label={t("pagination.label")} className="pagination">
      {page > 1 ? <a href={href(page - 1)} rel="prev">{t("pagination.previous")}</a> : null}
      <span>{t("pagination.page_of", { page, pages: pageCount })}</span>
      {page < pageCount ? <a href={href(page + 1)} rel="next">{t("pagination.next")}</a> : null}
    </nav>
  );
}
