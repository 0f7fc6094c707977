import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/classes.join";
import type { RouteHandle } from "../root";
import { PageTitle } from "../components/ui/page-title";
import { DeviceCheck } from "../features/classrooms/components/device-check";
import { JoinStatus } from "../features/classrooms/components/join-status";
import { joinPageData } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import css from "../styles/classrooms.css?url";

/** The device check needs the browser's camera and microphone APIs: this page ships JavaScript. */
export const handle: RouteHandle = { hydrate: true };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return joinPageData(context.get(dbContext), user, params.id);
}

export default function PrepareToJoin() {
  const { t, i18n } = useTranslation("classrooms");
  const page = useLoaderData<typeof loader>();
  const { classroom } = page;
  const canEnter = page.livekitConfigured && page.role !== null && page.window === "open";
  return (
    <div className="page narrow prejoin">
      <PageTitle>{t("prejoin.title")}</PageTitle>
      <p>
        <a href={href("/classes/:id", { id: classroom.id })}>{t("back_to_class")}</a>
      </p>
      <h1>{t("prejoin.title")}</h1>
      <p className="lead">
        {classroom.title}
        <br />
        {formatDate(classroom.startsAt, i18n.language, { dateStyle: "full", timeStyle: "short" })}
      </p>
      <JoinStatus page={page} />
      <DeviceCheck classroomId={classroom.id} canEnter={canEnter} role={page.role} />
    </div>
  );
}
