import { useTranslation } from "react-i18next";
import { useRouteLoaderData } from "react-router";
import { PageTitle } from "../components/ui/page-title";
import type { RootLoaderData } from "../root";

const OFFERS = ["courses", "workshops", "classes", "paths", "help"] as const;

export default function Home() {
  const { t } = useTranslation("home");
  const root = useRouteLoaderData<RootLoaderData>("root");
  return (
    <div className="page">
      <PageTitle>{t("title")}</PageTitle>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("heading")}</h1>
        <p className="lead">{t("lead")}</p>
        {root?.user ? null : (
          <p className="actions">
            <a className="button primary" href="/inscription">
              {t("cta_sign_up")}
            </a>
            <a className="button secondary" href="/connexion">
              {t("cta_sign_in")}
            </a>
          </p>
        )}
      </section>
      <section aria-labelledby="offers-title">
        <h2 id="offers-title">{t("offers_title")}</h2>
        <ul className="cards">
          {OFFERS.map((key) => (
            <li key={key} className="card">
              <h3>{t(`offers.${key}.title`)}</h3>
              <p>{t(`offers.${key}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="no-email-title">
        <h2 id="no-email-title">{t("no_email_title")}</h2>
        <p>{t("no_email_text")}</p>
      </section>
    </div>
  );
}
