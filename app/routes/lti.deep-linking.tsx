import { useActionData, useLoaderData, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/lti.deep-linking";
import type { RootLoaderData } from "../root";
import { DeepLinkPicker, ReturnToPlatform } from "../features/lti/components/deep-link-picker";
import { buildDeepLinkingResponse, loadDeepLinkingChoices } from "../features/lti/deep-linking.server";
import { requireLaunch } from "../features/lti/launched.server";
import { embeddersFor } from "../features/lti/platforms.server";
import { DeepLinkSchema } from "../features/lti/schemas";
import { handleForm } from "../lib/actions.server";
import type { ActionReply } from "../lib/action-reply";
import { dbContext } from "../lib/context";
import { embeddersContext } from "../lib/csp.server";
import { pageParam } from "../lib/ids";
import { useTranslation } from "../lib/use-translation";
import { replyMessages } from "../components/ui/action-reply";

export const handle = { embedded: true };
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** Deep Linking 2.0: a teacher, from inside their LMS, picks what to link. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  const open = await requireLaunch(db, request, params.launchId);
  const url = new URL(request.url);
  const choices = await loadDeepLinkingChoices(db, open, { courseSlug: url.searchParams.get("cours"), page: pageParam(url) });
  context.set(embeddersContext, await embeddersFor(db, [choices.returnOrigin]));
  return { launchId: params.launchId, choices };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = context.get(dbContext);
  const open = await requireLaunch(db, request, params.launchId);
  return handleForm(request, DeepLinkSchema, (value) => buildDeepLinkingResponse(db, open, value));
}

export default function LtiDeepLinking() {
  const { t } = useTranslation("lti");
  const { launchId, choices } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ActionReply<{ returnUrl: string; jwt: string; title: string }> | undefined;
  const nonce = useRouteLoaderData<RootLoaderData>("root")?.nonce ?? "";
  const answer = reply?.status === "success" ? reply.data : undefined;
  return (
    <div className="page">
      <title>{`${t("deep.title")} — Passerelle`}</title>
      <h1>{t("deep.title")}</h1>
      {answer ? (
        <ReturnToPlatform returnUrl={answer.returnUrl} jwt={answer.jwt} title={answer.title} nonce={nonce} />
      ) : (
        <>
          <p className="lead">{t("deep.intro")}</p>
          <DeepLinkPicker launchId={launchId} choices={choices} error={replyMessages(reply)[0] ?? null} />
        </>
      )}
    </div>
  );
}
