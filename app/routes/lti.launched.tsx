import { href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/lti.launched";
import { H5pFrame } from "../features/h5p/components/h5p-frame";
import { ACTIVITY_SCOPE, launchedActivityHref } from "../features/lti/activity-urls";
import { LaunchedLesson } from "../features/lti/components/launched-lesson";
import { completeLaunchedLesson, loadLaunchedResource, requireLaunch } from "../features/lti/launched.server";
import { embeddersFor } from "../features/lti/platforms.server";
import { CompleteSchema } from "../features/lti/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { embeddersContext } from "../lib/csp.server";
import { useTranslation } from "../lib/use-translation";
import coursesCss from "../styles/courses.css?url";

export const handle = { embedded: true };
export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: coursesCss }];
/** A launched page is one person's, read through their launch cookie: never cached. */
export const headers: Route.HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** What an LMS launch opened (decision 048): signed in by the cookie of this launch only. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const db = context.get(dbContext);
  context.set(embeddersContext, await embeddersFor(db));
  const open = await requireLaunch(db, request, params.launchId);
  const resource = await loadLaunchedResource(db, open, new URL(request.url).searchParams.get("lecon"));
  return { launchId: params.launchId, resource };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const db = context.get(dbContext);
  context.set(embeddersContext, await embeddersFor(db));
  const open = await requireLaunch(db, request, params.launchId);
  return handleForm(request, CompleteSchema, async (value) => {
    await completeLaunchedLesson(db, open, value.lessonId, value.openedAt ?? null);
    return redirect(`${href("/lti/l/:launchId", { launchId: params.launchId })}?lecon=${encodeURIComponent(value.lessonId)}&termine=1`, { status: 303 });
  });
}

export default function LtiLaunched() {
  const { t } = useTranslation("lti");
  const { launchId, resource } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  if (resource.kind === "h5p") {
    return (
      <div className="page narrow">
        <title>{`${resource.activity.title} — Passerelle`}</title>
        <p className="lesson-kicker">{t("launched.activity_from_platform")}</p>
        <h1>{resource.activity.title}</h1>
        <H5pFrame contentId={resource.activity.id} title={resource.activity.title} src={launchedActivityHref(launchId, ACTIVITY_SCOPE, resource.activity.id)} />
      </div>
    );
  }
  return <LaunchedLesson launchId={launchId} page={resource.page} justCompleted={search.get("termine") === "1"} />;
}
