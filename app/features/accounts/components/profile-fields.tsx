import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "../../../lib/use-translation";
import { FormField } from "../../../components/ui/form-field";
import { SelectField } from "../../mediation/components/choices";
import {
  OTHER_COMMUNE,
  PREFER_NOT_TO_SAY,
  PROFILE_AUDIENCES,
  TERRITORY_COMMUNES,
} from "../profile";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform infers each field's own shape
type Field = FieldMetadata<any, any, string[]>;

/** The optional family name, printed on certificates. */
export function LastNameField({ field }: { field: Field }) {
  const { t } = useTranslation("accounts");
  return (
    <FormField
      field={field}
      label={t("profile.last_name")}
      hint={t("profile.last_name_hint")}
      autoComplete="family-name"
    />
  );
}

/**
 * The optional questions of sign-up and /compte for the yearly evaluation:
 * who you are and where you live, with one plain sentence saying why.
 */
export function ProfileFields({
  audience,
  commune,
}: {
  audience: Field;
  commune: Field;
}) {
  const { t } = useTranslation("accounts");
  return (
    <fieldset className="profile-questions">
      <legend>{t("profile.about_you")}</legend>
      <p className="hint">{t("profile.why")}</p>
      <SelectField
        field={audience}
        label={t("profile.audience")}
        emptyLabel={t("profile.choose")}
        choices={[
          ...PROFILE_AUDIENCES.map((code) => ({
            value: code,
            label: t(`profile.audiences.${code}`),
          })),
          { value: PREFER_NOT_TO_SAY, label: t("profile.prefer_not_to_say") },
        ]}
      />
      <SelectField
        field={commune}
        label={t("profile.commune")}
        emptyLabel={t("profile.choose")}
        choices={[
          ...TERRITORY_COMMUNES.map((name) => ({ value: name, label: name })),
          { value: OTHER_COMMUNE, label: t("profile.other_commune") },
          { value: PREFER_NOT_TO_SAY, label: t("profile.prefer_not_to_say") },
        ]}
      />
    </fieldset>
  );
}
