import { href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { formatDate } from "../../../lib/i18n";

export interface ClassCardItem {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  cancelled_at: Date | null;
  ended_at: Date | null;
  host_first_name: string | null;
  host_last_name: string | null;
  registered_count: number;
}

/** One class in a list: when, who hosts, seats left, and for past classes whether the learner attended. */
export function ClassCard({ item, attendance }: { item: ClassCardItem; attendance?: { minutes: number; attended: boolean } }) {
  const { t, i18n } = useTranslation("classrooms");
  const seatsLeft = Math.max(0, item.capacity - item.registered_count);
  const minutes = Math.round((item.ends_at.getTime() - item.starts_at.getTime()) / 60_000);
  return (
    <li className="card class-card">
      <h3>
        <a href={href("/classes/:id", { id: item.id })}>{item.title}</a>
      </h3>
      <p className="class-when">
        {formatDate(item.starts_at, i18n.language, { dateStyle: "full", timeStyle: "short" })}
        {" · "}
        {t("duration", { count: minutes })}
      </p>
      {item.host_first_name ? <p>{t("card.host", { name: `${item.host_first_name} ${item.host_last_name ?? ""}`.trim() })}</p> : null}
      {item.cancelled_at ? (
        <p className="badge badge-cancelled">{t("status.cancelled")}</p>
      ) : attendance ? (
        <p className={attendance.attended ? "badge badge-ok" : "badge"}>
          {attendance.attended ? t("card.attended", { count: attendance.minutes }) : t("card.not_attended", { count: attendance.minutes })}
        </p>
      ) : item.ended_at ? (
        <p className="badge">{t("status.ended")}</p>
      ) : (
        <p>{seatsLeft > 0 ? t("card.seats_left", { count: seatsLeft }) : t("card.full")}</p>
      )}
    </li>
  );
}
