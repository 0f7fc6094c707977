import { href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { formatDateTime } from "../../../lib/i18n";
import type { getAppointmentRecord } from "../record.server";

type AppointmentRecord = Awaited<ReturnType<typeof getAppointmentRecord>>;

/** The appointments part of the learner record (own view or the accompanying mediator's). */
export function AppointmentRecordSection({ record, own }: { record: AppointmentRecord & { canBook: boolean }; own: boolean }) {
  const { t, i18n } = useTranslation("appointments");
  const where = (a: AppointmentRecord["attended"][number]) => (a.mode === "place" ? a.place : t(`mode.${a.mode}`));
  const empty = record.upcoming.length === 0 && record.attended.length === 0;
  return (
    <section aria-labelledby="record-appointments">
      <h2 id="record-appointments">{t("record.title")}</h2>
      {empty ? (
        <p>
          {t("record.none")} {own && record.canBook ? <a href={href("/rendez-vous/prendre")}>{t("record.book")}</a> : null}
        </p>
      ) : null}
      {record.upcoming.length > 0 ? (
        <>
          <h3>{t("record.upcoming")}</h3>
          <ul className="link-list">
            {record.upcoming.map((a) => (
              <li key={a.id}>
                {t(`reasons.${a.reason}`)} — {formatDateTime(a.startsAt, i18n.language)} — {where(a)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {record.attended.length > 0 ? (
        <>
          <h3>{t("record.attended")}</h3>
          <ul className="link-list">
            {record.attended.map((a) => (
              <li key={a.id}>
                {t(`reasons.${a.reason}`)} — {formatDateTime(a.startsAt, i18n.language)} — {where(a)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {record.missed > 0 ? <p>{t("record.missed", { count: record.missed })}</p> : null}
    </section>
  );
}
