import { useLoaderData } from "react-router";
import type { Route } from "./+types/admin.oidc";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { RoleMappingList } from "../features/oidc/components/role-mapping-list";
import { RoleMappingFormSchema } from "../features/oidc/schemas";
import { addRoleMapping, listRoleMappings, removeRoleMapping } from "../features/oidc/service.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { getLocale } from "../lib/i18n.server";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

/** Coordinators: which claim of which provider gives which role (none unless written here). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireUser(context, request);
  return { providers: await listRoleMappings(context.get(dbContext), actor), locale: getLocale(context) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(
    request,
    RoleMappingFormSchema,
    async (value) => {
      if (value.intent === "remove") await removeRoleMapping(db, actor, value.mappingId);
      else await addRoleMapping(db, actor, value);
    },
    { resetForm: true },
  );
}

export default function AdminOidc() {
  const { t } = useTranslation("oidc");
  const { providers, locale } = useLoaderData<typeof loader>();
  const removed = useActionReply("remove");
  return (
    <div className="page">
      <PageTitle>{t("admin.title")}</PageTitle>
      <h1>{t("admin.title")}</h1>
      <p>{t("admin.intro")}</p>
      <ActionMessage reply={removed} okKey="oidc:admin.removed" />
      <RoleMappingList providers={providers} locale={locale} />
    </div>
  );
}
