import { useTranslation } from "../../../lib/use-translation";

/** Shown to a pupil under 15 while no parental consent is recorded. */
export function LimitedModeBanner() {
  const { t } = useTranslation("projects");
  return (
    <div className="alert notice limited-mode" role="note" aria-labelledby="limited-mode-title">
      <p id="limited-mode-title">
        <strong>{t("limited.title")}</strong>
      </p>
      <p>{t("limited.body")}</p>
      <ul>
        <li>{t("limited.no_profile")}</li>
        <li>{t("limited.no_messages")}</li>
      </ul>
      <p>{t("limited.how_to_lift")}</p>
    </div>
  );
}
