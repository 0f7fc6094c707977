import { useTranslation } from "../../../lib/use-translation";
import { formatDate } from "../../../lib/i18n";

interface FactsPage {
  classroom: {
    starts_at: Date;
    ends_at: Date;
    capacity: number;
    description: string | null;
    linked_path: string | null;
    recording_enabled: boolean;
  };
  host: { firstName: string; lastName: string | null } | null;
  cohosts: { id: string; first_name: string; last_name: string | null }[];
  seatsTaken: number;
}

/** When, how long, who hosts, seats: the facts of a class, as a description list. */
export function ClassFacts({ page }: { page: FactsPage }) {
  const { t, i18n } = useTranslation("classrooms");
  const { classroom } = page;
  const minutes = Math.round((classroom.ends_at.getTime() - classroom.starts_at.getTime()) / 60_000);
  const name = (first: string, last: string | null) => `${first} ${last ?? ""}`.trim();
  return (
    <>
      <dl className="details class-facts">
        <dt>{t("facts.when")}</dt>
        <dd>{formatDate(classroom.starts_at, i18n.language, { dateStyle: "full", timeStyle: "short" })}</dd>
        <dt>{t("facts.duration")}</dt>
        <dd>
          {t("duration", { count: minutes })} ({t("facts.until", { time: formatDate(classroom.ends_at, i18n.language, { timeStyle: "short" }) })})
        </dd>
        <dt>{t("facts.host")}</dt>
        <dd>{page.host ? name(page.host.firstName, page.host.lastName) : "—"}</dd>
        {page.cohosts.length > 0 ? (
          <>
            <dt>{t("facts.cohosts")}</dt>
            <dd>{page.cohosts.map((c) => name(c.first_name, c.last_name)).join(", ")}</dd>
          </>
        ) : null}
        <dt>{t("facts.seats")}</dt>
        <dd>{t("facts.seats_value", { count: page.seatsTaken, capacity: classroom.capacity })}</dd>
        <dt>{t("facts.recording")}</dt>
        <dd>{classroom.recording_enabled ? t("facts.recording_yes") : t("facts.recording_no")}</dd>
        {classroom.linked_path ? (
          <>
            <dt>{t("facts.linked")}</dt>
            <dd>
              <a href={classroom.linked_path}>{t("facts.linked_link")}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {classroom.description ? (
        <div className="prose class-description">
          {classroom.description.split(/\n{2,}/).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        </div>
      ) : null}
    </>
  );
}
