import { isLearner } from "../lib/permissions";
import { Outlet, useLoaderData } from "react-router";
import type { Route } from "./+types/projects.layout";
import { LimitedModeBanner } from "../features/projects/components/limited-banner";
import { pupilStanding } from "../features/projects/consent.server";
import { dbContext } from "../lib/context";
import { currentUser } from "../lib/session.server";
import css from "../styles/projects.css?url";

/*
 * Every page about school classes and projects sits under this layout:
 * signed-in only, never indexed (a meta tag and an X-Robots-Tag header on
 * pages, files and exports alike), and pupils in limited mode see why.
 */
export const middleware: Route.MiddlewareFunction[] = [
  async (_args, next) => {
    const response = (await next()) as Response;
    response.headers.set("X-Robots-Tag", "noindex, nofollow, noarchive");
    return response;
  },
];

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context }: Route.LoaderArgs) {
  // Each page checks who may see it; the join page also talks to visitors.
  const user = currentUser(context);
  const standing = isLearner(user) ? await pupilStanding(context.get(dbContext), user.id) : null;
  return { limited: !!standing?.limited };
}

export default function ProjectsLayout() {
  const { limited } = useLoaderData<typeof loader>();
  return (
    <>
      <meta name="robots" content="noindex, nofollow, noarchive" />
      {limited ? (
        <div className="page limited-wrap">
          <LimitedModeBanner />
        </div>
      ) : null}
      <Outlet />
    </>
  );
}
