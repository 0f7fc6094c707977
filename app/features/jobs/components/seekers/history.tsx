import { useTranslation } from "../../../../lib/use-translation";
import { formatDate } from "../../../../lib/i18n";

export interface HistoryEvent {
  status: string;
  note: string;
  at: Date | string;
  byFirstName: string | null;
}

/** An application's history, oldest first: what happened, when, by whom, with the partner's note. */
export function ApplicationHistory({ events }: { events: HistoryEvent[] }) {
  const { t, i18n } = useTranslation("jobseekers");
  if (!events.length) return null;
  return (
    <ol className="job-history">
      {events.map((e, i) => (
        <li key={i}>
          {t("history.event", { date: formatDate(e.at, i18n.language), status: t(`status.${e.status}`) })}
          {e.byFirstName ? <> {t("history.by", { name: e.byFirstName })}</> : null}
          {e.note ? <blockquote>{e.note}</blockquote> : null}
        </li>
      ))}
    </ol>
  );
}

/** The hidden field that says whose page it is when a mediator fills it in with someone. */
export function ForPerson({ learnerId }: { learnerId: string | null }) {
  return learnerId ? <input type="hidden" name="learnerId" value={learnerId} /> : null;
}
