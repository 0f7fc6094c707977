import { useTranslation } from "../../../lib/use-translation";
import { FormField } from "../../../components/ui/form-field";

type Field = Parameters<typeof FormField>[0]["field"];

/** "New password" with its rules, then "type it again": sign-up, reset, change and add-an-email forms. */
export function NewPasswordFields({ password, passwordConfirm }: { password: Field; passwordConfirm: Field }) {
  const { t } = useTranslation("accounts");
  return (
    <>
      <FormField
        field={password}
        label={t("fields.new_password")}
        hint={t("fields.password_hint")}
        type="password"
        autoComplete="new-password"
        required
      />
      <FormField field={passwordConfirm} label={t("fields.password_confirm")} type="password" autoComplete="new-password" required />
    </>
  );
}
