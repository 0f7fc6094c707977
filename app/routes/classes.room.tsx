import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/classes.room";
import type { RouteHandle } from "../root";
import { PageTitle } from "../components/ui/page-title";
import { JoinStatus } from "../features/classrooms/components/join-status";
import { ClassRoom } from "../features/classrooms/components/room/class-room";
import { joinPageData } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { requireUser } from "../lib/session.server";
import css from "../styles/classrooms.css?url";

/** The live room runs livekit-client in the browser: this page ships JavaScript. */
export const handle: RouteHandle = { hydrate: true };

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const page = await joinPageData(context.get(dbContext), user, params.id);
  const mode = new URL(request.url).searchParams.get("mode") === "audio" ? ("audio" as const) : ("video" as const);
  return { ...page, mode };
}

export default function ClassRoomPage() {
  const { t } = useTranslation("classrooms");
  const page = useLoaderData<typeof loader>();
  const canEnter = page.livekitConfigured && page.role !== null && page.window === "open";
  return (
    <div className="page room-page">
      <PageTitle>{page.classroom.title}</PageTitle>
      <p>
        <a href={href("/classes/:id", { id: page.classroom.id })}>{t("back_to_class")}</a>
      </p>
      <h1>{page.classroom.title}</h1>
      {canEnter ? (
        <>
          <noscript>
            <p className="alert notice">{t("room.needs_javascript")}</p>
          </noscript>
          <ClassRoom classroomId={page.classroom.id} mode={page.mode} isHost={page.role === "host"} recordingEnabled={page.classroom.recordingEnabled} />
        </>
      ) : (
        <JoinStatus page={page} />
      )}
    </div>
  );
}
