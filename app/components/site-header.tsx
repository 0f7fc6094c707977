import { useTranslation } from "../lib/use-translation";
import { Form, href, NavLink, useLocation, useRouteLoaderData } from "react-router";
import type { RootLoaderData } from "../root";

/**
 * The site name and one « Menu » disclosure holding the navigation, the
 * account links and the language and display switches. A `<details>` opens
 * and closes without JavaScript and is announced as a button with its state;
 * on wide screens the stylesheet lays its content out in the open (decision 038).
 */
export function SiteHeader() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<RootLoaderData>("root");
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <a className="skip-link" href="#contenu">
        {t("skip_to_content")}
      </a>
      <div className="header-bar">
        <a className="site-name" href="/">
          Passerelle
        </a>
        {/* A new page closes the menu on hydrated pages too. */}
        <details className="site-menu" key={location.pathname}>
          <summary className="menu-button">
            <span aria-hidden="true" className="menu-icon" />
            {t("nav.menu")}
          </summary>
          <div className="menu-panel">
            <MainNav items={root?.nav ?? []} />
            <AccountLinks user={root?.user ?? null} here={here} unread={root?.unreadNotifications ?? 0} />
            <DisplaySwitches here={here} locale={root?.locale ?? "fr"} display={root?.display ?? { largeText: false, highContrast: false }} />
          </div>
        </details>
      </div>
    </header>
  );
}

function MainNav({ items }: { items: RootLoaderData["nav"] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("nav.label")}>
      <ul className="nav-list">
        {items.map((item) => (
          <li key={`${item.section}:${item.to}`}>
            <NavLink to={item.to} end={item.to === "/"}>
              {t(item.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AccountLinks({ user, here, unread }: { user: RootLoaderData["user"]; here: string; unread: number }) {
  const { t } = useTranslation();
  return (
    <div className="account-area">
      {user ? (
        <>
          <a href={href("/compte")}>{t("account.my_account", { name: user.firstName })}</a>
          <a href={href("/notifications")}>{unread > 0 ? t("notifications:header", { count: unread }) : t("notifications:header_none")}</a>
          <Form method="post" action={href("/deconnexion")} className="inline-form">
            <button type="submit" className="link-button">
              {t("account.sign_out")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <a href={`${href("/connexion")}?${new URLSearchParams({ retour: here })}`}>{t("account.sign_in")}</a>
          <a href={href("/connexion/carte")}>{t("account.sign_in_card")}</a>
          <a href={href("/inscription")} className="button secondary">
            {t("account.sign_up")}
          </a>
        </>
      )}
    </div>
  );
}

function DisplaySwitches({ here, locale, display }: { here: string; locale: string; display: RootLoaderData["display"] }) {
  const { t } = useTranslation();
  return (
    <div className="header-tools">
      <Form method="post" action={href("/preferences")} className="inline-form" aria-label={t("language.label")}>
        <input type="hidden" name="redirectTo" value={here} />
        <button type="submit" name="locale" value="fr" lang="fr" aria-pressed={locale === "fr"} className="toggle">
          Français
        </button>
        <button type="submit" name="locale" value="en" lang="en" aria-pressed={locale === "en"} className="toggle">
          English
        </button>
      </Form>
      <Form method="post" action={href("/preferences")} className="inline-form" aria-label={t("display.label")}>
        <input type="hidden" name="redirectTo" value={here} />
        <button type="submit" name="largeText" value={display.largeText ? "off" : "on"} aria-pressed={display.largeText} className="toggle">
          {t("display.large_text")}
        </button>
        <button type="submit" name="highContrast" value={display.highContrast ? "off" : "on"} aria-pressed={display.highContrast} className="toggle">
          {t("display.high_contrast")}
        </button>
      </Form>
    </div>
  );
}
