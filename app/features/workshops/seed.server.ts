import { DateTime } from "luxon";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import { TIME_ZONE } from "../../lib/i18n";
import { openingHoursCover } from "../places/opening-hours";

/** Demo workshops in the three seeded relay spaces, in the coming weeks, within their hours (fixed ids: re-running adds nothing). */
export const DEMO_WORKSHOPS = [
  {
    id: "5eed0000-0000-4000-8000-000000000001",
    space: "pont-sainte-maxence-mediatheque",
    inDays: 3,
    at: "14:00",
    minutes: 120,
    title: "Premiers pas avec la tablette",
    description: "Allumer, toucher, faire défiler, ouvrir une application : on prend le temps, à votre rythme.",
    themes: ["prendre_en_main_du_materiel"],
    level: "debutant",
    seats: 8,
    bring: "Votre tablette si vous en avez une (sinon on vous en prête une).",
  },
  {
    id: "5eed0000-0000-4000-8000-000000000002",
    space: "rieux-mairie",
    inDays: 5,
    at: "09:30",
    minutes: 90,
    title: "Créer son compte Ameli et déclarer son médecin traitant",
    description: "Pas à pas, avec votre carte Vitale, pour faire vos démarches de santé en ligne.",
    themes: ["sante", "aide_aux_demarches_administratives"],
    level: "debutant",
    seats: 6,
    bring: "Votre carte Vitale et votre téléphone portable.",
  },
  {
    id: "5eed0000-0000-4000-8000-000000000003",
    space: "verneuil-en-halatte-centre-social",
    inDays: 8,
    at: "14:00",
    minutes: 120,
    title: "Repérer les arnaques par e-mail et SMS",
    description: "Reconnaître un message frauduleux, protéger ses mots de passe, savoir qui prévenir.",
    themes: ["securite_numerique", "email"],
    level: "intermediaire",
    seats: 10,
    bring: null,
  },
  {
    id: "5eed0000-0000-4000-8000-000000000004",
    space: "pont-sainte-maxence-mediatheque",
    inDays: 10,
    at: "10:00",
    minutes: 120,
    title: "Faire son CV en ligne",
    description: "Un CV clair et à jour, enregistré en PDF et prêt à envoyer.",
    themes: ["insertion_professionnelle", "bureautique"],
    level: "intermediaire",
    seats: 8,
    bring: "Une clé USB si vous en avez une.",
  },
  // Business coaching (theme « entrepreneuriat »): the workshop step of the path
  // « Développer son activité en ligne », so an entrepreneur can finish it.
  {
    id: "5eed0000-0000-4000-8000-000000000005",
    space: "pont-sainte-maxence-mediatheque",
    inDays: 4,
    at: "14:00",
    minutes: 120,
    title: "Coaching numérique : rendre votre commerce visible sur Internet",
    description:
      "Fiche sur les cartes en ligne, avis des clients, réseaux sociaux : on fait le point sur votre activité avec un conseiller et vous repartez avec un plan d'action.",
    themes: ["entrepreneuriat", "reseaux_sociaux"],
    level: "debutant",
    seats: 6,
    bring: "Votre téléphone, et si possible le résultat de votre pré-diagnostic de visibilité.",
  },
  {
    id: "5eed0000-0000-4000-8000-000000000006",
    space: "verneuil-en-halatte-centre-social",
    inDays: 12,
    at: "09:30",
    minutes: 120,
    title: "Coaching numérique pour les artisans et indépendants",
    description: "Être trouvé en ligne, répondre aux avis, protéger ses comptes : un atelier en petit groupe pour les entrepreneurs du territoire.",
    themes: ["entrepreneuriat"],
    level: "debutant",
    seats: 6,
    bring: null,
  },
] as const;

/** How far the demo looks for an opening that fits a workshop (its place may be closed for a while). */
const SEARCH_DAYS = 21;

/**
 * The first day from `inDays` on when the place is open for the whole
 * workshop (the demo respects the hours, decision 039); `inDays` itself when
 * the place has no hours to check.
 */
export function firstOpenDay(
  hours: string | null,
  today: DateTime,
  { inDays, at, minutes }: { inDays: number; at: string; minutes: number },
) {
  const [hour, minute] = at.split(":").map(Number);
  for (let day = inDays; day < inDays + SEARCH_DAYS; day++) {
    const start = today.plus({ days: day }).set({ hour, minute });
    const fits = openingHoursCover(hours, start.toJSDate(), start.plus({ minutes }).toJSDate());
    if (fits !== "outside") return start;
  }
  return today.plus({ days: inDays }).set({ hour, minute });
}

export const DEMO_MEDIATOR_EMAIL = "mediatrice@demo.passerelle.fr";

export async function seedWorkshops(db: Kysely<Database>, now = new Date()) {
  const mediator = await db.selectFrom("app_user").select("id").where("email", "=", DEMO_MEDIATOR_EMAIL).executeTakeFirst();
  const spaces = await db.selectFrom("relay_space").select(["id", "slug", "opening_hours"]).execute();
  const today = DateTime.fromJSDate(now).setZone(TIME_ZONE).startOf("day");
  let created = 0;
  for (const w of DEMO_WORKSHOPS) {
    const space = spaces.find((s) => s.slug === w.space);
    if (!space) continue;
    const start = firstOpenDay(space.opening_hours, today, w);
    const inserted = await db
      .insertInto("workshop")
      .values({
        id: w.id,
        title: w.title,
        description: w.description,
        themes: [...w.themes],
        level: w.level,
        relay_space_id: space.id,
        starts_at: start.toJSDate(),
        ends_at: start.plus({ minutes: w.minutes }).toJSDate(),
        seats: w.seats,
        equipment_to_bring: w.bring,
        created_by: mediator?.id ?? null,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) created++;
    if (mediator) {
      await db
        .insertInto("workshop_mediator")
        .values({ workshop_id: w.id, user_id: mediator.id })
        .onConflict((oc) => oc.columns(["workshop_id", "user_id"]).doNothing())
        .execute();
    }
  }
  return created;
}
