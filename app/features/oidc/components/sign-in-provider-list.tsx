import { href } from "react-router";
import { IntentButton } from "../../../components/ui/intent-button";
import { formatDate } from "../../../lib/i18n";
import { useTranslation } from "../../../lib/use-translation";
import type { ProviderButton } from "../types";

/** Each configured provider, with « Lier » or « Délier » as the account stands. */
export function SignInProviderList({ providers, locale }: { providers: (ProviderButton & { linkedAt: Date | null })[]; locale: "fr" | "en" }) {
  const { t } = useTranslation("oidc");
  if (providers.length === 0) return <p>{t("account.none_configured")}</p>;
  return (
    <ul>
      {providers.map((provider) => {
        const name = provider.label[locale];
        return (
          <li key={provider.id}>
            <h2>{name}</h2>
            {provider.linkedAt ? (
              <>
                <p>{t("account.linked_since", { date: formatDate(provider.linkedAt, locale) })}</p>
                <IntentButton intent="unlink" fields={{ providerId: provider.id }}>
                  {t("account.unlink", { provider: name })}
                </IntentButton>
              </>
            ) : (
              <>
                <p>{t("account.not_linked")}</p>
                {/* A POST to the provider's start: the sign-in comes back here, linked to this account. */}
                <form method="post" action={href("/connexion/oidc/:provider", { provider: provider.id })}>
                  <input type="hidden" name="intent" value="link" />
                  <input type="hidden" name="redirectTo" value={href("/compte/connexions")} />
                  <button type="submit" className="button primary">
                    {t("account.link_button", { provider: name })}
                  </button>
                </form>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
