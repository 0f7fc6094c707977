import { Form, href, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/jobs.partner-edit";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { PartnerForm } from "../features/jobs/components/partners/partner-form";
import { archivePartner, createPartner, getPartnerForAdmin, listPartnersForAdmin, updatePartner } from "../features/jobs/partners.server";
import { PartnerAdminSchema } from "../features/jobs/schemas-offers";
import { handleForm } from "../lib/actions.server";
import type { ActionReply } from "../lib/action-reply";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  if (!params.id) {
    await listPartnersForAdmin(db, user); // the permission check
    return { partner: null, staff: [] };
  }
  const { partner: p, staff } = await getPartnerForAdmin(db, user, params.id);
  return {
    partner: {
      id: p.id,
      slug: p.slug,
      archived: p.archived_at !== null,
      defaults: {
        name: p.name,
        kind: p.kind,
        sector: p.sector,
        commune: p.commune,
        businessZone: p.business_zone ?? "",
        description: p.description,
        website: p.website ?? "",
        contactEmail: p.contact_email ?? "",
        contactPhone: p.contact_phone ?? "",
      },
    },
    staff: staff.map((s) => ({
      id: s.id,
      name: [s.first_name, s.last_name].filter(Boolean).join(" "),
      email: s.email,
    })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, PartnerAdminSchema, async (value): Promise<object> => {
    if (value.intent !== "save") return archivePartner(db, user, params.id ?? "", value.intent === "archive");
    if (params.id) return updatePartner(db, user, params.id, value);
    const created = await createPartner(db, user, value);
    return redirect(href("/admin/partenaires/:id", { id: created.id }));
  });
}

export default function EditPartner() {
  const { t } = useTranslation("jobs");
  const { partner, staff } = useLoaderData<typeof loader>();
  const saved = useActionReply("save");
  const archiveReply = useActionReply("archive");
  const restoreReply = useActionReply("restore");
  const archived = archiveReply ?? restoreReply;
  const lastResult = useActionData<typeof action>() as ActionReply | undefined;
  const title = partner ? t("admin.title_edit", { name: partner.defaults.name }) : t("admin.title_new");
  return (
    <div className="page narrow">
      <PageTitle>{title}</PageTitle>
      <p>
        <Link to={href("/admin/partenaires")}>{t("admin.back")}</Link>
      </p>
      <h1>{title}</h1>
      {saved?.status === "success" ? <ActionMessage reply={saved} okKey="jobs:admin.saved" /> : null}
      <ActionMessage reply={archived} okKey={partner?.archived ? "jobs:admin.archived_done" : "jobs:admin.restored_done"} />
      {partner && !partner.archived ? (
        <p>
          <Link to={href("/partenaires/:slug", { slug: partner.slug })}>{t("admin.public_page")}</Link>
        </p>
      ) : null}
      <PartnerForm lastResult={lastResult?.form === "save" ? lastResult : undefined} defaultValue={partner?.defaults} />
      {partner ? (
        <>
          <h2>{t("admin.staff_title")}</h2>
          {staff.length ? (
            <ul>
              {staff.map((s) => (
                <li key={s.id}>
                  {s.name} ({s.email})
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("admin.no_staff")}</p>
          )}
          <p>
            <Link to={`${href("/admin/utilisateurs/inviter")}?partenaire=${partner.id}`}>{t("admin.invite")}</Link>
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value={partner.archived ? "restore" : "archive"} />
            {partner.archived ? null : <p className="hint">{t("admin.archive_hint")}</p>}
            <button type="submit" className="button">
              {t(partner.archived ? "admin.restore" : "admin.archive")}
            </button>
          </Form>
        </>
      ) : null}
    </div>
  );
}
