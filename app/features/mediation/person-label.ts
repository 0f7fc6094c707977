import type { TFunction } from "i18next";
import { formatDate } from "../../lib/i18n";

/**
 * A person offered in a choice list, with what tells two homonyms apart:
 * the commune, the age band and the day the account was made — what the
 * mediator already sees on the person's page, nothing more (no address,
 * no card code).
 */
export type PersonChoice = { id: string; name: string; commune: string | null; ageBand: string | null; createdAt: Date | string };

export function personChoice(row: { id: string; first_name: string; last_name: string | null; commune: string | null; age_band: string | null; created_at: Date }): PersonChoice {
  return { id: row.id, name: [row.first_name, row.last_name].filter(Boolean).join(" "), commune: row.commune, ageBand: row.age_band, createdAt: row.created_at };
}

/** « Lunel · 60 à 69 ans · compte du 3 déc. 2026 »: the details shown beside a name. */
export function personDetails(person: Omit<PersonChoice, "id" | "name">, t: TFunction, locale: string) {
  return [
    person.commune,
    person.ageBand ? t(`mediation:vocab.tranche_age.${person.ageBand}`) : null,
    t("mediation:learners.created_on", { date: formatDate(person.createdAt, locale, { dateStyle: "medium" }) }),
  ]
    .filter(Boolean)
    .join(" · ");
}

/** A name followed by its details, as an option of a select. */
export function personLabel(person: PersonChoice, t: TFunction, locale: string) {
  return `${person.name} — ${personDetails(person, t, locale)}`;
}
