import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import { addMonths, parisMonth } from "./period";

/**
 * Demo history for the dashboard and the yearly report: the two previous
 * years and this year up to last month, accompaniments logged by the demo mediator in the
 * three demo relay spaces, mostly with anonymous profiles (plus the demo
 * learner, who comes back). Deterministic (a seeded generator) and
 * idempotent (fixed ids): running the seed again adds nothing.
 */
const COMMUNES = [
  ["Pont-Sainte-Maxence", "60509"],
  ["Pont-Sainte-Maxence", "60509"],
  ["Pont-Sainte-Maxence", "60509"],
  ["Rieux", "60537"],
  ["Verneuil-en-Halatte", "60670"],
  ["Verneuil-en-Halatte", "60670"],
  ["Pontpoint", "60508"],
  ["Brenouille", "60102"],
  ["Sacy-le-Grand", "60563"],
  ["Les Ageux", "60006"],
] as const;
const THEMES = [
  "aide_aux_demarches_administratives",
  "email",
  "navigation_sur_internet",
  "prendre_en_main_du_materiel",
  "sante",
  "securite_numerique",
  "insertion_professionnelle",
  "argent_impots",
  "bureautique",
  "entrepreneuriat",
  "reseaux_sociaux",
  "social_sante",
] as const;
const AGE_BANDS = ["soixante_dix_plus", "soixante_soixante_neuf", "quarante_cinquante_neuf", "vingt_cinq_trente_neuf", "dix_huit_vingt_quatre", "douze_dix_huit"] as const;
const STATUSES = ["retraite", "en_emploi", "sans_emploi", "scolarise", "non_communique"] as const;
const AUTONOMY = ["entierement_accompagne", "partiellement_autonome", "autonome"] as const;
const SPACES = ["pont-sainte-maxence-mediatheque", "rieux-mairie", "verneuil-en-halatte-centre-social"] as const;

function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return {
    next,
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
  };
}

/** A fixed uuid per demo row, so that the seed can run twice. */
const demoId = (kind: number, n: number) => `5eed9${kind.toString(16).padStart(3, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

export async function seedReportsDemo(db: Kysely<Database>, now = new Date()) {
  const mediator = await db.selectFrom("app_user").select("id").where("email", "=", "mediatrice@demo.passerelle.fr").executeTakeFirst();
  const learner = await db.selectFrom("app_user").select("id").where("email", "=", "apprenant@demo.passerelle.fr").executeTakeFirst();
  const spaces = await db.selectFrom("relay_space").select(["id", "slug"]).where("slug", "in", [...SPACES]).execute();
  if (!mediator || spaces.length === 0) return { activities: 0 };
  const thisMonth = parisMonth(now);
  // Two years back, so that last year's report has a year to compare with.
  const firstMonth = `${Number(thisMonth.slice(0, 4)) - 2}-01`;
  const random = generator(2017);
  let n = 0;
  let created = 0;
  for (let month = firstMonth; month < thisMonth; month = addMonths(month, 1)) {
    const seasonal = [0.6, 1, 1.1, 1, 0.9, 0.8, 0.4, 0.3, 1, 1.1, 1.2, 0.7][Number(month.slice(5)) - 1]!;
    // Activity grows a little each year.
    const growth = 0.8 + 0.12 * (Number(month.slice(0, 4)) - Number(firstMonth.slice(0, 4)));
    const count = Math.round(22 * seasonal * growth);
    for (let i = 0; i < count; i++) {
      n++;
      const collective = random.next() < 0.15;
      const day = String(random.int(1, 27)).padStart(2, "0");
      const themes = [...new Set([random.pick(THEMES), ...(random.next() < 0.4 ? [random.pick(THEMES)] : [])])];
      const space = random.pick(spaces);
      const id = demoId(1, n);
      const inserted = await db
        .insertInto("mediation_activity")
        .values({
          id,
          mediator_id: mediator.id,
          activity_type: collective ? "collectif" : "individuel",
          activity_date: `${month}-${day}`,
          duration_minutes: collective ? random.pick([90, 120]) : random.pick([20, 30, 30, 45, 60]),
          place_type: "lieu_activite",
          relay_space_id: space.id,
          equipment: [random.pick(["ordinateur", "telephone", "tablette"])],
          themes,
          autonomy: collective ? null : random.pick(AUTONOMY),
          anonymous_participants: collective ? random.int(0, 4) : 0,
          notes: "Donnée de démonstration",
        })
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) continue;
      created++;
      const people = collective ? random.int(3, 8) : 1;
      for (let p = 0; p < people; p++) {
        const linked = learner && p === 0 && random.next() < 0.06;
        const [commune, insee] = random.pick(COMMUNES);
        const age = random.pick(AGE_BANDS);
        await db
          .insertInto("mediation_beneficiary")
          .values({
            activity_id: id,
            user_id: linked ? learner.id : null,
            gender: random.pick(["feminin", "masculin", "non_communique"]),
            // The demo learner is a retired woman from Pont-Sainte-Maxence.
            age_band: linked ? "soixante_dix_plus" : age,
            social_status: linked || age.startsWith("soixante") ? "retraite" : random.pick(STATUSES),
            commune: linked ? "Pont-Sainte-Maxence" : commune,
            commune_insee: linked ? "60509" : insee,
          })
          .execute();
      }
    }
  }
  return { activities: created };
}
