import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, Link, useLoaderData } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/admin.invite";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { ErrorSummary } from "../components/ui/error-summary";
import { FieldErrors, FormField } from "../components/ui/form-field";
import { PageTitle } from "../components/ui/page-title";
import { PendingInvitations } from "../features/accounts/components/pending-invitations";
import { SelectField } from "../features/mediation/components/choices";
import { InvitationIntentSchema, type InviteStaffSchema, STAFF_ROLES } from "../features/accounts/schemas";
import { cancelInvitation, inviteStaff, listPendingInvitations, resendInvitation } from "../features/accounts/staff.server";
import { partnerChoices } from "../features/jobs/partners.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  // /admin/utilisateurs/inviter?partenaire=<id>, from a partner's page: the role and organisation are chosen already.
  const preselected = new URL(request.url).searchParams.get("partenaire");
  const partners = await partnerChoices(db, actor);
  return {
    pending: await listPendingInvitations(db, actor),
    partners,
    partnerId: partners.some((p) => p.id === preselected) ? preselected : null,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(
    request,
    InvitationIntentSchema,
    async (value): Promise<object> => {
      if (value.intent === "cancel") return cancelInvitation(db, actor, value.invitationId);
      if (value.intent === "resend") return resendInvitation(db, actor, value.invitationId);
      return inviteStaff(db, actor, value);
    },
    { resetForm: true },
  );
}

export default function AdminInvite() {
  const { t, i18n } = useTranslation("admin");
  const { pending, partners, partnerId } = useLoaderData<typeof loader>();
  const reply = useActionReply<{ email: string; expiresAt: string }>("invite");
  const [form, fields] = useForm<z.input<typeof InviteStaffSchema>>({
    lastResult: reply,
    id: "invite",
    defaultValue: partnerId ? { role: "partner", partnerId, locale: i18n.language } : { role: "mediator", locale: i18n.language },
  });
  const sent = reply?.status === "success" ? reply.data : undefined;
  return (
    <div className="page narrow">
      <PageTitle>{t("invite.title")}</PageTitle>
      <p>
        <Link to={href("/admin/utilisateurs")}>{t("user.back")}</Link>
      </p>
      <h1>{t("invite.title")}</h1>
      <p>{t("invite.intro")}</p>
      {sent ? (
        <ActionMessage
          reply={reply}
          okKey="admin:invite.sent"
          okValues={{ email: sent.email, date: formatDate(sent.expiresAt, i18n.language) }}
        />
      ) : null}
      <ErrorSummary form={form} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="invite" />
        <FormField field={fields.firstName} label={t("invite.first_name")} required />
        <FormField field={fields.email} label={t("invite.email")} type="email" required />
        <div className="field">
          <label htmlFor={fields.role.id}>{t("invite.role")}</label>
          <select {...getSelectProps(fields.role)} key={fields.role.key}>
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`accounts:roles.${role}`)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
        </div>
        {partners.length ? (
          <SelectField
            field={fields.partnerId}
            label={t("jobs:invite.partner")}
            hint={t("jobs:invite.partner_hint")}
            choices={partners.map((p) => ({ value: p.id, label: p.name }))}
            emptyLabel={t("jobs:invite.no_partner")}
          />
        ) : null}
        <div className="field">
          <label htmlFor={fields.locale.id}>{t("invite.locale")}</label>
          <select {...getSelectProps(fields.locale)} key={fields.locale.key}>
            <option value="fr" lang="fr">
              Français
            </option>
            <option value="en" lang="en">
              English
            </option>
          </select>
        </div>
        <button type="submit" className="button primary">
          {t("invite.submit")}
        </button>
      </Form>
      <PendingInvitations pending={pending} />
    </div>
  );
}
