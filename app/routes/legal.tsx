import { useTranslation } from "react-i18next";
import { PageTitle } from "../components/ui/page-title";

export default function LegalNotice() {
  const { t } = useTranslation("pages");
  const sections = ["publisher", "hosting", "personal_data", "cookies", "licence"] as const;
  return (
    <div className="page narrow prose">
      <PageTitle>{t("legal.title")}</PageTitle>
      <h1>{t("legal.title")}</h1>
      {sections.map((key) => (
        <section key={key} aria-labelledby={`legal-${key}`}>
          <h2 id={`legal-${key}`}>{t(`legal.${key}.title`)}</h2>
          <p>{t(`legal.${key}.text`)}</p>
        </section>
      ))}
    </div>
  );
}
