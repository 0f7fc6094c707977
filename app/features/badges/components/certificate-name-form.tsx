import { useTranslation } from "../../../lib/use-translation";
import { Form } from "react-router";

/**
 * The owner says which family name the certificate prints (optional: the
 * first name alone is fine). Not shown to minors. Works without JavaScript.
 */
export function CertificateNameForm({ firstName, familyName, saved }: { firstName: string; familyName: string; saved: boolean }) {
  const { t } = useTranslation("badges");
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="certificate-name" />
      {saved ? (
        <div className="alert success" role="status">
          <p>{t("verify.certificate_name_saved")}</p>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="certificate-family-name">{t("verify.certificate_family_name")}</label>
        <p className="hint" id="certificate-family-name-hint">
          {t("verify.certificate_family_name_hint", { firstName })}
        </p>
        <input
          id="certificate-family-name"
          name="familyName"
          type="text"
          maxLength={80}
          autoComplete="family-name"
          defaultValue={familyName}
          aria-describedby="certificate-family-name-hint"
        />
      </div>
      <button type="submit" className="button secondary">
        {t("verify.certificate_name_submit")}
      </button>
    </Form>
  );
}
