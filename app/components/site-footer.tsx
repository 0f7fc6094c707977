import { useTranslation } from "../lib/use-translation";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t("footer.operator")}</p>
      <ul className="footer-links">
        <li>
          <a href="/donnees-ouvertes">{t("opendata:nav")}</a>
        </li>
        <li>
          <a href="/accessibilite">{t("footer.accessibility")}</a>
        </li>
        <li>
          <a href="/mentions-legales">{t("footer.legal")}</a>
        </li>
        <li>
          <a href="/mentions-legales#legal-licence-section">{t("footer.source")}</a>
        </li>
      </ul>
    </footer>
  );
}
