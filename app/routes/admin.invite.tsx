import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { useTranslation } from "../lib/use-translation";
import { Form, href, Link, useLoaderData } from "react-router";
import type { z } from "zod";
import type { Route } from "./+types/admin.invite";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { ErrorSummary } from "../components/ui/error-summary";
import { FieldErrors, FormField } from "../components/ui/form-field";
import { PageTitle } from "../components/ui/page-title";
import { InviteStaffSchema, STAFF_ROLES } from "../features/accounts/schemas";
import { inviteStaff, listPendingInvitations } from "../features/accounts/staff.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  return { pending: await listPendingInvitations(context.get(dbContext), actor) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  return handleForm(request, InviteStaffSchema, (value) => inviteStaff(context.get(dbContext), actor, value), { resetForm: true });
}

export default function AdminInvite() {
  const { t, i18n } = useTranslation("admin");
  const { pending } = useLoaderData<typeof loader>();
  const reply = useActionReply<{ email: string; expiresAt: string }>();
  const [form, fields] = useForm<z.input<typeof InviteStaffSchema>>({ lastResult: reply, id: "invite", defaultValue: { role: "mediator", locale: i18n.language } });
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
      <h2>{t("invite.pending_heading")}</h2>
      {pending.length === 0 ? (
        <p>{t("invite.pending_none")}</p>
      ) : (
        <ul>
          {pending.map((inv) => (
            <li key={inv.id}>
              {t("invite.pending_item", {
                name: inv.first_name,
                email: inv.email,
                role: t(`accounts:roles.${inv.role}`),
                date: formatDate(inv.expires_at, i18n.language),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
