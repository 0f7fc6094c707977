import { useTranslation } from "../../../lib/use-translation";

/** Said plainly on every class page when LIVEKIT_* is not set: scheduling and registration still work. */
export function NotConfiguredNotice() {
  const { t } = useTranslation("classrooms");
  return (
    <div className="alert notice" role="note" id="livekit-not-configured">
      <p>
        <strong>{t("not_configured.title")}</strong>
      </p>
      <p>{t("not_configured.text")}</p>
    </div>
  );
}
