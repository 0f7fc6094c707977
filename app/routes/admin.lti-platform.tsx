import { Link, href, useLoaderData, useSearchParams } from "react-router";
import { IntentButton } from "../components/ui/intent-button";
import type { Route } from "./+types/admin.lti-platform";
import { ActionMessage, useActionReply } from "../components/ui/action-reply";
import { PageTitle } from "../components/ui/page-title";
import { PlatformForm } from "../features/lti/components/platform-form";
import { loadPlatformForAdmin, setPlatformEnabled, updatePlatform } from "../features/lti/platforms.server";
import { PlatformPageSchema } from "../features/lti/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import { useTranslation } from "../lib/use-translation";
import ltiCss from "../styles/lti.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: ltiCss }];

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const p = await loadPlatformForAdmin(context.get(dbContext), user, params.platformId);
  return {
    platform: { id: p.id, name: p.name, disabled: !!p.disabled_at },
    defaults: {
      name: p.name,
      issuer: p.issuer,
      clientId: p.client_id,
      deploymentIds: p.deployment_ids.join("\n"),
      jwksUrl: p.jwks_url,
      authUrl: p.auth_url,
      tokenUrl: p.token_url,
      school: p.school,
    },
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, PlatformPageSchema, async (value) => {
    if (value.intent === "save") await updatePlatform(db, user, params.platformId, value);
    else await setPlatformEnabled(db, user, params.platformId, value.intent === "enable");
  });
}

export default function AdminLtiPlatform() {
  const { t } = useTranslation("lti");
  const { platform, defaults } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const saved = useActionReply("save");
  const enabled = useActionReply("enable");
  const disabled = useActionReply("disable");
  const toggled = enabled ?? disabled;
  return (
    <div className="page narrow">
      <PageTitle>{platform.name}</PageTitle>
      <p>
        <Link to={href("/admin/lti")}>{t("admin.back")}</Link>
      </p>
      <h1>{platform.name}</h1>
      {search.get("enregistree") ? (
        <div className="alert success" role="status">
          <p>{t("admin.registered")}</p>
        </div>
      ) : null}
      <ActionMessage reply={saved?.status === "success" ? saved : undefined} okKey="lti:admin.saved" />
      <ActionMessage reply={toggled} okKey={platform.disabled ? "lti:admin.now_disabled" : "lti:admin.now_enabled"} />
      <p>{platform.disabled ? t("admin.disabled_notice") : t("admin.enabled_notice")}</p>
      <IntentButton intent={platform.disabled ? "enable" : "disable"}>
        {platform.disabled ? t("admin.enable") : t("admin.disable")}
      </IntentButton>
      <h2>{t("admin.edit_heading")}</h2>
      <PlatformForm reply={saved} defaults={defaults} submitLabel={t("admin.save")} />
    </div>
  );
}
