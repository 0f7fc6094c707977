import { useTranslation } from "../lib/use-translation";
import { PageTitle } from "../components/ui/page-title";

export default function AccessibilityStatement() {
  const { t } = useTranslation("pages");
  const sections = ["status", "measures", "known_issues", "feedback", "recourse"] as const;
  return (
    <div className="page narrow prose">
      <PageTitle>{t("accessibility.title")}</PageTitle>
      <h1>{t("accessibility.title")}</h1>
      <p>{t("accessibility.intro")}</p>
      {sections.map((key) => (
        <section key={key} aria-labelledby={`a11y-${key}`}>
          <h2 id={`a11y-${key}`}>{t(`accessibility.${key}.title`)}</h2>
          <p>{t(`accessibility.${key}.text`)}</p>
        </section>
      ))}
    </div>
  );
}
