import { useTranslation } from "../lib/use-translation";
import { PageTitle } from "../components/ui/page-title";
import { sourceCodeUrl } from "../lib/env.server";
import type { Route } from "./+types/legal";

export function loader() {
  return { sourceUrl: sourceCodeUrl() };
}

export default function LegalNotice({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation("pages");
  const sections = ["publisher", "hosting", "personal_data", "cookies", "licence"] as const;
  return (
    <div className="page narrow prose">
      <PageTitle>{t("legal.title")}</PageTitle>
      <h1>{t("legal.title")}</h1>
      {sections.map((key) => (
        <section key={key} id={`legal-${key}-section`} aria-labelledby={`legal-${key}`}>
          <h2 id={`legal-${key}`}>{t(`legal.${key}.title`)}</h2>
          <p>{t(`legal.${key}.text`)}</p>
          {key === "licence" ? (
            <p>
              <a href={loaderData.sourceUrl}>{t("legal.licence.download")}</a>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
