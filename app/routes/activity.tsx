import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/activity";
import { PageTitle } from "../components/ui/page-title";
import { H5pFrame } from "../features/h5p/components/h5p-frame";
import { loadActivityPage } from "../features/h5p/pages.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import h5pCss from "../styles/h5p.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: h5pCss }];

/** One H5P activity on its own page (authors try it here; learners usually meet it in a lesson). */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return loadActivityPage(context.get(dbContext), user, params.contentId);
}

export default function Activity() {
  const { t } = useTranslation("h5p");
  const { content, canSeeResults, isAuthor } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="page">
      <PageTitle>{content.title}</PageTitle>
      <h1>{content.title}</h1>
      {params.has("ajoutee") ? (
        <div className="alert success" role="status">
          <p>{t("activity.added")}</p>
        </div>
      ) : null}
      <H5pFrame contentId={content.id} title={content.title} />
      {canSeeResults || isAuthor ? (
        <section aria-labelledby="authoring-heading" className="card">
          <h2 id="authoring-heading">{t("activity.for_authors")}</h2>
          <p>{t("activity.embed_hint")}</p>
          <p>
            <code>{`[h5p:${content.id}]`}</code>
          </p>
          <p>{t("activity.library", { library: content.mainLibrary })}</p>
          {canSeeResults ? (
            <p>
              <a href={href("/activites/:contentId/resultats", { contentId: content.id })}>{t("activity.results_link")}</a>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
