import { useTranslation } from "react-i18next";
import { useRouteLoaderData } from "react-router";
import { PageTitle } from "../components/ui/page-title";
import type { RootLoaderData } from "../root";

/** Each offer and the page it leads to. */
const OFFERS = [
  ["courses", "/cours"],
  ["workshops", "/ateliers"],
  ["classes", "/classes"],
  ["paths", "/parcours"],
  ["help", "/lieux"],
] as const;

export default function Home() {
  const { t } = useTranslation("home");
  const root = useRouteLoaderData<RootLoaderData>("root");
  return (
    <div className="page">
      <PageTitle>{t("title")}</PageTitle>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("heading")}</h1>
        <p className="lead">{t("lead")}</p>
        {root?.user ? (
          <p className="actions">
            <a className="button primary" href="/compte/activites">
              {t("cta_record")}
            </a>
          </p>
        ) : (
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
          {OFFERS.map(([key, to]) => (
            <li key={key} className="card">
              <h3>
                <a href={to}>{t(`offers.${key}.title`)}</a>
              </h3>
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
