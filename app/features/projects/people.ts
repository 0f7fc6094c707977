import { isUnderConsentAge } from "./dates";

/** Who is looking: a teacher of the project or class, or a pupil (with their own seat). */
export type Viewer = { kind: "teacher"; userId: string } | { kind: "pupil"; userId: string; seatId: string };

export interface PupilFacts {
  seatId: string;
  number: number;
  userId: string | null;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  hasConsent: boolean;
}

/** How a pupil is shown: `name` null means "Élève N" (anonymous, or hidden in limited mode). */
export interface PupilLabel {
  seatId: string;
  number: number;
  name: string | null;
}

/**
 * A pupil under 15 without a recorded parental consent is in limited mode:
 * their profile is not shown to other pupils (they appear as "Élève N") and
 * they may not message anyone outside their class.
 */
export function isLimited(pupil: Pick<PupilFacts, "birthDate" | "hasConsent">, today: string): boolean {
  return !!pupil.birthDate && isUnderConsentAge(pupil.birthDate, today) && !pupil.hasConsent;
}

export function labelPupil(pupil: PupilFacts, viewer: Viewer, today: string): PupilLabel {
  const base = { seatId: pupil.seatId, number: pupil.number };
  // Purged seats (the retention job unlinked the account) are anonymous for everyone.
  if (!pupil.userId || !pupil.firstName) return { ...base, name: null };
  if (viewer.kind === "teacher") return { ...base, name: [pupil.firstName, pupil.lastName].filter(Boolean).join(" ") };
  if (viewer.seatId === pupil.seatId) return { ...base, name: pupil.firstName };
  // Other pupils see first names only, and not even that while limited mode lasts.
  return { ...base, name: isLimited(pupil, today) ? null : pupil.firstName };
}
