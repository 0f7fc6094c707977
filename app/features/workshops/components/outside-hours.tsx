import { useTranslation } from "../../../lib/use-translation";
import { WeekHours } from "../../places/components/week-hours";
import type { DayHours } from "../../places/opening-hours";

/**
 * Shown when the chosen time falls outside the place's hours: when the place
 * is open, and a box to tick to schedule it anyway (no JavaScript needed).
 */
export function OutsideHoursConfirm({ errors, space }: { errors: string[] | undefined; space: { name: string; week: DayHours[] | null } | undefined }) {
  const { t } = useTranslation("workshops");
  if (!errors?.includes("workshops:errors.outside_hours") || !space) return null;
  return (
    <div className="alert info outside-hours">
      <p>{t("edit.outside_hours_intro", { place: space.name })}</p>
      <WeekHours week={space.week} />
      <label className="choice">
        <input type="checkbox" name="outsideHours" value="1" /> {t("edit.outside_hours_confirm")}
      </label>
    </div>
  );
}
