import { useTranslation } from "../../../lib/use-translation";
import { formatWallTime, groupDays, weekdayName, type DayHours } from "../opening-hours";

/**
 * The coming week's hours in plain words, Monday first:
 * « Du lundi au jeudi : 9 h – 12 h et 13 h 30 – 17 h 30 », then « Fermé les
 * autres jours ». Built from the OSM `opening_hours` value by the library, so
 * holidays and seasons are already applied.
 */
export function WeekHours({ week, id }: { week: DayHours[] | null; id?: string }) {
  const { t, i18n } = useTranslation("places");
  if (!week) return null;
  const locale = i18n.language;
  const groups = groupDays(week);
  if (groups.length === 0) return <p id={id}>{t("hours.closed_all_week")}</p>;
  const day = (weekday: number) => weekdayName(weekday, locale);
  const time = (w: { hour: number; minute: number }) => formatWallTime(w.hour, w.minute, locale);
  const closedDays = week.some((d) => d.intervals.length === 0);
  return (
    <ul className="week-hours" id={id}>
      {groups.map((g) => (
        <li key={g.first}>
          <span className="week-hours-days">
            {g.first === g.last ? t("hours.one_day", { day: day(g.first) }) : t("hours.days", { first: day(g.first), last: day(g.last) })}
          </span>
          {t("hours.separator")}
          {new Intl.ListFormat(locale === "en" ? "en-GB" : "fr-FR", { type: "conjunction" }).format(
            g.intervals.map((i) => t("hours.interval", { from: time(i.from), to: time(i.to) })),
          )}
        </li>
      ))}
      {closedDays ? <li>{t("hours.closed_other_days")}</li> : null}
    </ul>
  );
}
