import { useTranslation } from "../../../lib/use-translation";

/** "45 min", "1 h 30" — estimated durations, rounded to 5 minutes above one hour. */
export function Duration({ minutes }: { minutes: number }) {
  const { t } = useTranslation("courses");
  if (minutes < 60) return <>{t("duration.minutes", { count: minutes })}</>;
  const rounded = Math.round(minutes / 5) * 5;
  const h = Math.floor(rounded / 60);
  const m = rounded % 60;
  return <>{m ? t("duration.hours_minutes", { h, m: String(m).padStart(2, "0") }) : t("duration.hours", { count: h })}</>;
}

/** The course's progress as a native <progress> (no inline style: the CSP forbids it). */
export function ProgressMeter({ completed, total, id }: { completed: number; total: number; id: string }) {
  const { t } = useTranslation("courses");
  if (total === 0) return null;
  return (
    <div className="progress-meter">
      <label htmlFor={id}>{t("progress.label", { count: completed, total })}</label>
      <progress id={id} max={total} value={completed}>
        {t("progress.percent", { percent: Math.round((completed / total) * 100) })}
      </progress>
    </div>
  );
}
