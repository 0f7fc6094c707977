import { useTranslation } from "react-i18next";
import { data, Form, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/admin.user";
import { PageTitle } from "../components/ui/page-title";
import { ConfirmedActionForm, isConfirmed } from "../components/ui/confirmed-action";
import { ChangeRoleSchema } from "../features/accounts/schemas";
import { changeUserRole, deleteUserAsCoordinator, endUserSessions, getUserForAdmin } from "../features/accounts/service.server";
import { dbContext } from "../lib/context";
import { appError } from "../lib/errors";
import { formatDate } from "../lib/i18n";
import { ROLES } from "../lib/permissions";
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
      createdAt: user.created_at,
    },
    activeSessions,
    isSelf: actor.id === user.id,
  };
}

const CONFIRM_DELETE = "admin:errors.confirm_delete";

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "change-role") {
    const parsed = ChangeRoleSchema.safeParse({ role: form.get("role") });
    if (!parsed.success) return data({ error: "admin:errors.role_invalid" }, { status: 400 });
    await changeUserRole(db, actor, params.userId, parsed.data.role);
    return redirect(`/admin/utilisateurs/${params.userId}?fait=role`);
  }
  if (intent === "end-sessions") {
    await endUserSessions(db, actor, params.userId);
    return redirect(`/admin/utilisateurs/${params.userId}?fait=sessions`);
  }
  if (intent === "delete") {
    if (!isConfirmed(form)) return data({ error: CONFIRM_DELETE }, { status: 400 });
    await deleteUserAsCoordinator(db, actor, params.userId);
    return redirect("/admin/utilisateurs?fait=supprime");
  }
  throw appError(400, "bad_intent", "errors:bad_request");
}

export default function AdminUser() {
  const { t, i18n } = useTranslation("admin");
  const { user, activeSessions, isSelf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const done = useSearchParams()[0].get("fait");
  return (
    <div className="page narrow">
      <PageTitle>{`${user.firstName} ${user.lastName ?? ""}`.trim()}</PageTitle>
      <p>
        <a href="/admin/utilisateurs">{t("user.back")}</a>
      </p>
      <h1>
        {user.firstName} {user.lastName ?? ""}
      </h1>
      {done === "role" || done === "sessions" ? (
        <div className="alert success" role="status">
          <p>{t(`user.done_${done}`)}</p>
        </div>
      ) : null}
      {actionData?.error && actionData.error !== CONFIRM_DELETE ? (
        <div className="alert error" role="alert">
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      <dl className="details">
        <dt>{t("users.email")}</dt>
        <dd>{user.email ?? t("users.no_email")}</dd>
        <dt>{t("users.role")}</dt>
        <dd>{t(`accounts:roles.${user.role}`)}</dd>
        <dt>{t("users.created")}</dt>
        <dd>{formatDate(user.createdAt, i18n.language)}</dd>
        <dt>{t("user.sessions")}</dt>
        <dd>{activeSessions}</dd>
      </dl>
      {isSelf ? (
        <p>{t("user.self_note")}</p>
      ) : (
        <>
          <h2>{t("user.change_role")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="change-role" />
            <label htmlFor="role">{t("users.role")}</label>
            <select id="role" name="role" defaultValue={user.role}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`accounts:roles.${role}`)}
                </option>
              ))}
            </select>
            <button type="submit" className="button primary">
              {t("user.save_role")}
            </button>
          </Form>
          <h2>{t("user.sessions_heading")}</h2>
          <p>{t("user.sessions_intro")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="end-sessions" />
            <button type="submit" className="button secondary">
              {t("user.end_sessions")}
            </button>
          </Form>
          <h2>{t("user.delete_heading")}</h2>
          <p>{t("user.delete_intro")}</p>
          <ConfirmedActionForm
            id="delete-user"
            intent="delete"
            confirmLabel={t("user.delete_confirm", { name: `${user.firstName} ${user.lastName ?? ""}`.trim() })}
            submitLabel={t("user.delete_submit")}
            error={actionData?.error === CONFIRM_DELETE ? actionData.error : null}
          />
        </>
      )}
    </div>
  );
}
