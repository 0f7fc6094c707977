import { useTranslation } from "../lib/use-translation";
import { href, useLoaderData } from "react-router";
import type { Route } from "./+types/classes.recordings";
import { PageTitle } from "../components/ui/page-title";
import { listClassRecordings } from "../features/classrooms/service.server";
import { dbContext } from "../lib/context";
import { formatDate } from "../lib/i18n";
import { requireUser } from "../lib/session.server";
import css from "../styles/classrooms.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: css }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const { classroom, recordings, canModerate } = await listClassRecordings(context.get(dbContext), user, params.id);
  return { classroom: { id: classroom.id, title: classroom.title, recordingEnabled: classroom.recording_enabled }, recordings, canModerate };
}

export default function ClassRecordings() {
  const { t, i18n } = useTranslation("classrooms");
  const { classroom, recordings } = useLoaderData<typeof loader>();
  const title = t("recordings.title", { title: classroom.title });
  return (
    <div className="page">
      <PageTitle>{title}</PageTitle>
      <p>
        <a href={href("/classes/:id", { id: classroom.id })}>{t("back_to_class")}</a>
      </p>
      <h1>{title}</h1>
      {recordings.length === 0 ? (
        <p>{classroom.recordingEnabled ? t("recordings.none") : t("recordings.disabled")}</p>
      ) : (
        <ul className="recording-list">
          {recordings.map((r, i) => {
            const label = t("recordings.item", {
              n: i + 1,
              when: formatDate(r.startedAt, i18n.language, { dateStyle: "long", timeStyle: "short" }),
            });
            return (
              <li key={r.id} className="card">
                <h2 className="recording-title">{label}</h2>
                {r.status === "complete" ? (
                  <>
                    {r.durationMinutes ? <p>{t("duration", { count: r.durationMinutes })}</p> : null}
                    <video controls preload="metadata" src={href("/classes/:id/enregistrements/:recordingId", { id: classroom.id, recordingId: r.id })} aria-label={label} className="replay">
                      <a href={href("/classes/:id/enregistrements/:recordingId", { id: classroom.id, recordingId: r.id })}>{t("recordings.download")}</a>
                    </video>
                    <p>
                      <a href={href("/classes/:id/enregistrements/:recordingId", { id: classroom.id, recordingId: r.id })} download>
                        {t("recordings.download")}
                      </a>
                    </p>
                  </>
                ) : (
                  <p>{t(`recordings.status_${r.status}`)}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
