import { getFormProps, useForm } from "@conform-to/react";
import { useTranslation } from "../../../lib/use-translation";
import { Form } from "react-router";
import { ActionMessage, useActionReply } from "../../../components/ui/action-reply";
import { ErrorSummary } from "../../../components/ui/error-summary";
import { FormField } from "../../../components/ui/form-field";
import { LastNameField, ProfileFields } from "./profile-fields";

interface ProfileValues {
  firstName: string;
  lastName: string;
  audience: string;
  commune: string;
}

/** /compte: the person's name, audience and commune, saved by the "profile" intent. */
export function ProfileForm({ defaults }: { defaults: ProfileValues }) {
  const { t } = useTranslation("accounts");
  const reply = useActionReply("profile");
  const [form, fields] = useForm({ lastResult: reply, id: "profile", defaultValue: defaults, shouldRevalidate: "onBlur" });
  return (
    <section aria-labelledby="edit-profile-heading">
      <h2 id="edit-profile-heading">{t("account.edit_profile")}</h2>
      {reply?.status === "success" ? <ActionMessage reply={reply} okKey="accounts:account.profile_saved" /> : null}
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="profile" />
        <FormField field={fields.firstName} label={t("fields.first_name")} autoComplete="given-name" required />
        <LastNameField field={fields.lastName} />
        <ProfileFields audience={fields.audience} commune={fields.commune} />
        <button type="submit" className="button primary">
          {t("account.save_profile")}
        </button>
      </Form>
    </section>
  );
}
