import { useTranslation } from "../../../lib/use-translation";
import { Form } from "react-router";
import { IntentButton } from "../../../components/ui/intent-button";
import type { Role } from "../../../../db/schema/accounts";
import { replyMessages, useActionReply } from "../../../components/ui/action-reply";
import { ConfirmedActionForm } from "../../../components/ui/confirmed-action";
import { ROLES } from "../../../lib/permissions";

/** What a coordinator can do to someone else's account: role, sessions, suspension, deletion. */
export function UserAdminForms({ name, role, suspended }: { name: string; role: Role; suspended: boolean }) {
  const { t } = useTranslation("admin");
  const deleteReply = useActionReply("delete");
  return (
    <>
      <h2>{t("user.change_role")}</h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="change-role" />
        <label htmlFor="role">{t("users.role")}</label>
        <select id="role" name="role" defaultValue={role} key={role}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`accounts:roles.${r}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button primary">
          {t("user.save_role")}
        </button>
      </Form>
      <h2>{t("user.sessions_heading")}</h2>
      <p>{t("user.sessions_intro")}</p>
      <IntentButton intent="end-sessions">
        {t("user.end_sessions")}
      </IntentButton>
      <h2>{suspended ? t("user.reactivate_heading") : t("user.suspend_heading")}</h2>
      <p>{suspended ? t("user.reactivate_intro") : t("user.suspend_intro")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value={suspended ? "reactivate" : "suspend"} />
        <button type="submit" className={suspended ? "button primary" : "button danger"}>
          {suspended ? t("user.reactivate_submit") : t("user.suspend_submit")}
        </button>
      </Form>
      <h2>{t("user.delete_heading")}</h2>
      <p>{t("user.delete_intro")}</p>
      <ConfirmedActionForm
        id="delete-user"
        intent="delete"
        confirmLabel={t("user.delete_confirm", { name })}
        submitLabel={t("user.delete_submit")}
        error={replyMessages(deleteReply)[0] ?? null}
      />
    </>
  );
}
