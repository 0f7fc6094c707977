import { useTranslation } from "react-i18next";
import { Form, NavLink, useLocation, useRouteLoaderData } from "react-router";
import type { RootLoaderData } from "../root";

export function SiteHeader() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<RootLoaderData>("root");
  const location = useLocation();
  const here = location.pathname + location.search;
  const user = root?.user ?? null;
  const locale = root?.locale ?? "fr";
  const display = root?.display ?? { largeText: false, highContrast: false };
  const items = root?.nav ?? [];

  return (
    <header className="site-header">
      <a className="skip-link" href="#contenu">
        {t("skip_to_content")}
      </a>
      <div className="header-top">
        <a className="site-name" href="/">
          Passerelle
        </a>
        <div className="header-tools">
          <Form method="post" action="/preferences" className="inline-form" aria-label={t("language.label")}>
            <input type="hidden" name="redirectTo" value={here} />
            <span className="visually-hidden">{t("language.label")}</span>
            <button type="submit" name="locale" value="fr" lang="fr" aria-pressed={locale === "fr"} className="toggle">
              Français
            </button>
            <button type="submit" name="locale" value="en" lang="en" aria-pressed={locale === "en"} className="toggle">
              English
            </button>
          </Form>
          <Form method="post" action="/preferences" className="inline-form" aria-label={t("display.label")}>
            <input type="hidden" name="redirectTo" value={here} />
            <button
              type="submit"
              name="largeText"
              value={display.largeText ? "off" : "on"}
              aria-pressed={display.largeText}
              className="toggle"
            >
              {t("display.large_text")}
            </button>
            <button
              type="submit"
              name="highContrast"
              value={display.highContrast ? "off" : "on"}
              aria-pressed={display.highContrast}
              className="toggle"
            >
              {t("display.high_contrast")}
            </button>
          </Form>
        </div>
      </div>
      <div className="header-bottom">
        <nav aria-label={t("nav.label")}>
          <ul className="nav-list">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"}>
                  {t(item.labelKey)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account-area">
          {user ? (
            <>
              <a href="/compte">{t("account.my_account", { name: user.firstName })}</a>
              <Form method="post" action="/deconnexion" className="inline-form">
                <button type="submit" className="link-button">
                  {t("account.sign_out")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <a href={`/connexion?retour=${encodeURIComponent(here)}`}>{t("account.sign_in")}</a>
              <a href="/inscription" className="button secondary">
                {t("account.sign_up")}
              </a>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
