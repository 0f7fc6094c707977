import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { i18nOptions, isLocale } from "./lib/i18n";

// Only pages that need it are hydrated (see root.tsx); they load only the
// strings of the page's language.
async function main() {
  const lang = document.documentElement.lang;
  const lng = isLocale(lang) ? lang : "fr";
  const strings = lng === "en" ? await import("./locales/en/index") : await import("./locales/fr/index");
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng, resources: { [lng]: strings.default } });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void main();
