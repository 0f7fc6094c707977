import { useTranslation } from "../../../lib/use-translation";
import { IntentButton } from "../../../components/ui/intent-button";
import { ActionMessage, useActionReply } from "../../../components/ui/action-reply";
import { formatDate } from "../../../lib/i18n";
import type { StaffRole } from "../staff.server";

type Pending = { id: string; first_name: string; email: string; role: StaffRole; expires_at: Date | string };

/**
 * Invitations still waiting, each with « Annuler » (its link answers 410)
 * and « Renvoyer un nouveau lien » (a new mail; the old link stops working).
 */
export function PendingInvitations({ pending }: { pending: Pending[] }) {
  const { t, i18n } = useTranslation("admin");
  const cancelReply = useActionReply<{ email: string; alreadyCancelled: boolean }>("cancel");
  const resendReply = useActionReply<{ email: string; expiresAt: string }>("resend");
  const cancelled = cancelReply?.status === "success" ? cancelReply.data : undefined;
  const resent = resendReply?.status === "success" ? resendReply.data : undefined;
  return (
    <section aria-labelledby="pending-heading">
      <h2 id="pending-heading">{t("invite.pending_heading")}</h2>
      <ActionMessage
        reply={cancelReply}
        okKey={cancelled?.alreadyCancelled ? "admin:invite.already_cancelled" : "admin:invite.cancelled"}
        okValues={{ email: cancelled?.email ?? "" }}
      />
      <ActionMessage
        reply={resendReply}
        okKey="admin:invite.resent"
        okValues={{ email: resent?.email ?? "", date: resent ? formatDate(resent.expiresAt, i18n.language) : "" }}
      />
      {pending.length === 0 ? (
        <p>{t("invite.pending_none")}</p>
      ) : (
        <ul className="pending-invitations">
          {pending.map((inv) => (
            <li key={inv.id}>
              {t("invite.pending_item", {
                name: inv.first_name,
                email: inv.email,
                role: t(`accounts:roles.${inv.role}`),
                date: formatDate(inv.expires_at, i18n.language),
              })}
              <span className="actions">
                <IntentButton intent="resend" fields={{ invitationId: inv.id }} ariaLabel={t("invite.resend_label", { email: inv.email })}>
                  {t("invite.resend")}
                </IntentButton>
                <IntentButton intent="cancel" fields={{ invitationId: inv.id }} ariaLabel={t("invite.cancel_label", { email: inv.email })}>
                  {t("invite.cancel")}
                </IntentButton>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
