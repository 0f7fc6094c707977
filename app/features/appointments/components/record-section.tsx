import { href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { formatDateTime } from "../../../lib/i18n";
import type { getAppointmentRecord } from "../record.server";

type AppointmentRecord = Awaited<ReturnType<typeof getAppointmentRecord>>;

/** The appointments part of the learner record (own view or the accompanying mediator's). */
export function AppointmentRecordSection({ record, own }: { record: AppointmentRecord & { canBook: boolean }; own: boolean }) {
  const { t } = useTranslation("appointments");
  const empty = record.upcoming.length === 0 && record.attended.length === 0;
  return (
    <section aria-labelledby="record-appointments">
      <h2 id="record-appointments">{t("record.title")}</h2>
      {empty ? (
        <p>
          {t("record.none")} {own && record.canBook ? <a href={href("/rendez-vous/prendre")}>{t("record.book")}</a> : null}
        </p>
      ) : null}
      <AppointmentList title={t("record.upcoming")} items={record.upcoming} />
      <AppointmentList title={t("record.attended")} items={record.attended} />
      {record.missed > 0 ? <p>{t("record.missed", { count: record.missed })}</p> : null}
    </section>
  );
}

function AppointmentList({ title, items }: { title: string; items: AppointmentRecord["attended"] }) {
  const { t, i18n } = useTranslation("appointments");
  if (items.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="link-list">
        {items.map((a) => (
          <li key={a.id}>
            {t(`reasons.${a.reason}`)} — {formatDateTime(a.startsAt, i18n.language)} — {a.mode === "place" ? a.place : t(`mode.${a.mode}`)}
          </li>
        ))}
      </ul>
    </>
  );
}
