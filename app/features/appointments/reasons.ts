/**
 * The reasons (« motifs ») a person books for, each with the time it takes
 * and the national themes it goes under in the mediator's activity log.
 * Labels are `appointments:reasons.<code>`. `business` reasons are the
 * business adviser's: they link to the person's visibility pre-diagnostic.
 */
export const REASONS = {
  smartphone: { minutes: 30, themes: ["prendre_en_main_du_materiel"], business: false },
  demarche: { minutes: 45, themes: ["aide_aux_demarches_administratives"], business: false },
  email: { minutes: 30, themes: ["email"], business: false },
  ordinateur: { minutes: 45, themes: ["prendre_en_main_du_materiel"], business: false },
  emploi: { minutes: 45, themes: ["insertion_professionnelle"], business: false },
  commerce: { minutes: 60, themes: ["entrepreneuriat"], business: true },
} as const satisfies Record<string, { minutes: number; themes: readonly string[]; business: boolean }>;

export type ReasonCode = keyof typeof REASONS;
export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];
export const isReason = (code: string): code is ReasonCode => Object.hasOwn(REASONS, code);

export const MODES = ["place", "phone", "video"] as const;
