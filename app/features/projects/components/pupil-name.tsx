import { useTranslation } from "../../../lib/use-translation";

export interface PupilLabelData {
  seatId: string;
  number: number;
  name: string | null;
}

/** A pupil's name as the server allowed it, or "Élève N" when hidden or anonymised. */
export function PupilName({ pupil }: { pupil: PupilLabelData | null | undefined }) {
  const { t } = useTranslation("projects");
  if (!pupil) return <>{t("pupil_unknown")}</>;
  return <>{pupil.name ?? t("pupil_number", { number: pupil.number })}</>;
}

export function pupilText(t: (key: string, values?: Record<string, unknown>) => string, pupil: PupilLabelData | null | undefined) {
  if (!pupil) return t("pupil_unknown");
  return pupil.name ?? t("pupil_number", { number: pupil.number });
}
