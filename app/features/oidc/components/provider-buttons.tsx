import { href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import type { ProviderButton } from "../types";

/**
 * One small form per configured provider: a POST, because starting a sign-in
 * writes (the state kept for the way back). Nothing shows when none is set.
 */
export function ProviderButtons({ providers, locale, redirectTo }: { providers: readonly ProviderButton[]; locale: "fr" | "en"; redirectTo: string }) {
  const { t } = useTranslation("oidc");
  if (providers.length === 0) return null;
  return (
    <section className="oidc-sign-in" aria-labelledby="with-provider">
      <h2 id="with-provider">{t("sign_in.title")}</h2>
      <p>{t("sign_in.intro")}</p>
      {providers.map((provider) => (
        <form key={provider.id} method="post" action={href("/connexion/oidc/:provider", { provider: provider.id })}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button type="submit" className="button">
            {t("sign_in.button", { provider: provider.label[locale] })}
          </button>
        </form>
      ))}
    </section>
  );
}
