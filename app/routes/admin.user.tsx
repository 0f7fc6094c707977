import { useTranslation } from "../lib/use-translation";
import { href, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/admin.user";
import { PageTitle } from "../components/ui/page-title";
import { ActionMessage } from "../components/ui/action-reply";
import type { ActionReply } from "../lib/action-reply";
import { UserAdminForms } from "../features/accounts/components/user-admin-forms";
import { AdminUserSchema } from "../features/accounts/schemas";
import { changeUserRole, deleteUserAsCoordinator, endUserSessions, getUserForAdmin } from "../features/accounts/service.server";
import { reactivateUser, suspendUser } from "../features/accounts/staff.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  const { user, activeSessions } = await getUserForAdmin(context.get(dbContext), actor, params.userId);
  return {
    user: {
      id: user.id,
      firstName: user.first_name,
      lastName: user.last_name,
      email: user.email,
      role: user.role,
      commune: user.commune,
      createdAt: user.created_at,
      suspendedAt: user.disabled_at,
    },
    activeSessions,
    isSelf: actor.id === user.id,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, AdminUserSchema, async (value) => {
    switch (value.intent) {
      case "change-role":
        await changeUserRole(db, actor, params.userId, value.role);
        return;
      case "end-sessions":
        await endUserSessions(db, actor, params.userId);
        return;
      case "suspend":
        await suspendUser(db, actor, params.userId);
        return;
      case "reactivate":
        await reactivateUser(db, actor, params.userId);
        return;
      case "delete":
        await deleteUserAsCoordinator(db, actor, params.userId);
        return redirect(`${href("/admin/utilisateurs")}?fait=supprime`);
    }
  });
}

const DONE_KEYS: Record<string, string> = {
  "change-role": "admin:user.done_role",
  "end-sessions": "admin:user.done_sessions",
  suspend: "admin:user.done_suspended",
  reactivate: "admin:user.done_reactivated",
};

export default function AdminUser() {
  const { t, i18n } = useTranslation("admin");
  const { user, activeSessions, isSelf } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ActionReply | undefined;
  const shown = reply && reply.form in DONE_KEYS ? reply : undefined;
  const name = `${user.firstName} ${user.lastName ?? ""}`.trim();
  return (
    <div className="page narrow">
      <PageTitle>{name}</PageTitle>
      <p>
        <Link to={href("/admin/utilisateurs")}>{t("user.back")}</Link>
      </p>
      <h1>{name}</h1>
      <ActionMessage reply={shown} okKey={shown ? DONE_KEYS[shown.form] : undefined} />
      {user.suspendedAt ? (
        <div className="alert notice" role="status">
          <p>{t("user.suspended_since", { date: formatDate(user.suspendedAt, i18n.language) })}</p>
        </div>
      ) : null}
      <dl className="details">
        <dt>{t("users.email")}</dt>
        <dd>{user.email ?? t("users.no_email")}</dd>
        <dt>{t("users.role")}</dt>
        <dd>{t(`accounts:roles.${user.role}`)}</dd>
        <dt>{t("users.commune")}</dt>
        <dd>{user.commune ?? t("users.no_commune")}</dd>
        <dt>{t("users.created")}</dt>
        <dd>{formatDate(user.createdAt, i18n.language)}</dd>
        <dt>{t("user.sessions")}</dt>
        <dd>{activeSessions}</dd>
      </dl>
      {isSelf ? <p>{t("user.self_note")}</p> : <UserAdminForms name={name} role={user.role} suspended={!!user.suspendedAt} />}
    </div>
  );
}
