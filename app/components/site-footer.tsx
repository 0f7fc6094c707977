import { href } from "react-router";
import { useTranslation } from "../lib/use-translation";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t("footer.operator")}</p>
      <ul className="footer-links">
        <li>
          <a href={href("/donnees-ouvertes")}>{t("opendata:nav")}</a>
        </li>
        <li>
          <a href={href("/accessibilite")}>{t("footer.accessibility")}</a>
        </li>
        <li>
          <a href={href("/mentions-legales")}>{t("footer.legal")}</a>
        </li>
        <li>
          <a href={`${href("/mentions-legales")}#legal-licence-section`}>{t("footer.source")}</a>
        </li>
      </ul>
    </footer>
  );
}
