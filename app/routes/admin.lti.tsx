import { Link, href, redirect, useLoaderData } from "react-router";
import type { Route } from "./+types/admin.lti";
import { useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { PlatformForm } from "../features/lti/components/platform-form";
import { ToolConfiguration } from "../features/lti/components/tool-configuration";
import { ToolKeys } from "../features/lti/components/tool-keys";
import { rotateToolKey, toolKeysSummary } from "../features/lti/keys.server";
import { listPlatformsForAdmin, registerPlatform } from "../features/lti/platforms.server";
import { AdminLtiSchema } from "../features/lti/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";
import ltiCss from "../styles/lti.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ltiCss }];

/** Coordinators register the LMSs that may open Passerelle (LTI 1.3), and copy the tool's addresses into them. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const page = await listPlatformsForAdmin(db, user);
  return { ...page, keys: await toolKeysSummary(db) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, AdminLtiSchema, async (value) => {
    if (value.intent === "rotate_key") {
      await rotateToolKey(db, user);
      return;
    }
    const id = await registerPlatform(db, user, value);
    return redirect(`${href("/admin/lti/:platformId", { platformId: id })}?enregistree=1`);
  });
}

export default function AdminLti() {
  const { t } = useTranslation("lti");
  const { platforms, tool, keys } = useLoaderData<typeof loader>();
  const reply = useActionReply("save");
  const rotated = useActionReply("rotate_key");
  return (
    <div className="page">
      <PageTitle>{t("admin.title")}</PageTitle>
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.intro")}</p>
      <ToolConfiguration tool={tool} />
      <ToolKeys keys={keys} reply={rotated} />

      <h2>{t("admin.list_heading")}</h2>
      {platforms.length === 0 ? (
        <p>{t("admin.none")}</p>
      ) : (
        <TableScroll label={t("admin.list_heading")}>
          <table className="data-table lti-platforms">
            <caption className="visually-hidden">{t("admin.list_heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.name")}</th>
                <th scope="col">{t("admin.issuer")}</th>
                <th scope="col">{t("admin.client_id")}</th>
                <th scope="col">{t("admin.deployment_ids")}</th>
                <th scope="col">{t("admin.status")}</th>
              </tr>
            </thead>
            <tbody>
              {platforms.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={href("/admin/lti/:platformId", { platformId: p.id })}>{p.name}</Link>
                  </th>
                  <td>
                    <code>{p.issuer}</code>
                  </td>
                  <td>
                    <code>{p.client_id}</code>
                  </td>
                  <td>{p.deployment_ids.join(", ")}</td>
                  <td>{p.disabled_at ? t("admin.disabled") : t("admin.enabled")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <section aria-labelledby="register-heading" className="card">
        <h2 id="register-heading">{t("admin.register_heading")}</h2>
        <p>{t("admin.register_intro")}</p>
        <PlatformForm reply={reply} submitLabel={t("admin.register_submit")} />
      </section>
    </div>
  );
}
