import { useTranslation } from "../../../lib/use-translation";
import { formatWallTime, weekdayName, type OpeningStatus, type WallMoment } from "../opening-hours";

function when(moment: WallMoment, locale: string, t: (k: string, o?: Record<string, string>) => string) {
  const time = formatWallTime(moment.hour, moment.minute, locale);
  if (moment.dayOffset === 0) return t("places:status.today_at", { time });
  if (moment.dayOffset === 1) return t("places:status.tomorrow_at", { time });
  return t("places:status.day_at", { day: weekdayName(moment.weekday, locale), time });
}

/** "Ouvert maintenant · ferme à 18 h" / "Fermé · ouvre mardi à 10 h", in Paris time. */
export function OpeningStatusText({ status }: { status: OpeningStatus }) {
  const { t, i18n } = useTranslation("places");
  if (status.state === "unknown") return <span className="opening unknown">{t("status.unknown")}</span>;
  if (status.state === "open") {
    return (
      <span className="opening open">
        <strong>{t("status.open_now")}</strong>
        {status.closesAt ? ` · ${t("status.closes", { when: when(status.closesAt, i18n.language, t) })}` : null}
      </span>
    );
  }
  return (
    <span className="opening closed">
      <strong>{t("status.closed")}</strong>
      {status.opensAt ? ` · ${t("status.opens", { when: when(status.opensAt, i18n.language, t) })}` : null}
    </span>
  );
}
