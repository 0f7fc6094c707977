import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import type { JobContract, PartnerKind, WorkingTime } from "../../../db/schema/jobs";
import { todayInParis } from "../projects/dates";
import type { Sector } from "./schemas-offers";

export const DEMO_PARTNER_EMAIL = "partenaire@demo.passerelle.fr";

type DemoPartner = { slug: string; name: string; kind: PartnerKind; sector: Sector; commune: string; zone: string | null; description: string; website: string | null };
type DemoOffer = {
  id: string;
  partner: string;
  title: string;
  sector: Sector;
  contract: JobContract;
  months: number | null;
  time: WorkingTime;
  hours: number | null;
  commune: string;
  noDiploma: boolean;
  apply: string;
  description: string;
  skills: [string, number | null][];
};

/** Four partners of the territory: an industrial employer, a shop, the employment operator, a training centre. */
export const DEMO_PARTNERS: DemoPartner[] = [
  {
    slug: "verrerie-de-l-halatte",
    name: "Verrerie de l'Halatte",
    kind: "employer",
    sector: "industry",
    commune: "Brenouille",
    zone: "Zone industrielle de Brenouille",
    description: "Fabrication de flacons en verre pour la parfumerie, 140 salariés, équipes en 3×8.",
    website: null,
  },
  {
    slug: "epicerie-cooperative-du-pont",
    name: "Épicerie coopérative du Pont",
    kind: "employer",
    sector: "retail",
    commune: "Pont-Sainte-Maxence",
    zone: null,
    description: "Magasin de produits locaux en centre-ville, ouvert du mardi au dimanche.",
    website: null,
  },
  {
    slug: "agence-emploi-pont-sainte-maxence",
    name: "Agence pour l'emploi de Pont-Sainte-Maxence",
    kind: "employment_operator",
    sector: "public",
    commune: "Pont-Sainte-Maxence",
    zone: null,
    description: "Accompagnement des demandeurs d'emploi, offres du bassin, ateliers de recherche d'emploi.",
    website: null,
  },
  {
    slug: "centre-de-formation-des-pays-d-oise",
    name: "Centre de formation des Pays d'Oise",
    kind: "training_operator",
    sector: "services",
    commune: "Pont-Sainte-Maxence",
    zone: null,
    description: "Formations qualifiantes et en alternance : administratif, logistique, aide à la personne.",
    website: null,
  },
];

export const DEMO_OFFERS: DemoOffer[] = [
  {
    id: "5eed0000-0000-4000-8000-0000000000e1",
    partner: "verrerie-de-l-halatte",
    title: "Opérateur·rice de production",
    sector: "industry",
    contract: "cdi",
    months: null,
    time: "full_time",
    hours: 35,
    commune: "Brenouille",
    noDiploma: true,
    apply: "Déposez votre CV à l'accueil de l'usine ou écrivez à recrutement@verrerie-halatte.example.",
    description: "Conduite et surveillance d'une ligne de production, contrôle qualité sur écran. Formation au poste assurée.",
    skills: [
      ["2.1", null],
      ["5.1", 1],
    ],
  },
  {
    id: "5eed0000-0000-4000-8000-0000000000e2",
    partner: "verrerie-de-l-halatte",
    title: "Technicien·ne de maintenance",
    sector: "industry",
    contract: "cdd",
    months: 6,
    time: "full_time",
    hours: 35,
    commune: "Brenouille",
    noDiploma: false,
    apply: "Candidature par e-mail à recrutement@verrerie-halatte.example.",
    description: "Maintenance préventive et dépannage, suivi des interventions dans la GMAO.",
    skills: [
      ["1.3", 2],
      ["5.1", 3],
    ],
  },
  {
    id: "5eed0000-0000-4000-8000-0000000000e3",
    partner: "epicerie-cooperative-du-pont",
    title: "Employé·e libre-service",
    sector: "retail",
    contract: "cdi",
    months: null,
    time: "part_time",
    hours: 24,
    commune: "Pont-Sainte-Maxence",
    noDiploma: true,
    apply: "Passez au magasin avec un CV, du mardi au samedi.",
    description: "Mise en rayon, commandes sur tablette, accueil des clients.",
    skills: [
      ["2.1", null],
      ["1.2", 1],
    ],
  },
  {
    id: "5eed0000-0000-4000-8000-0000000000e4",
    partner: "epicerie-cooperative-du-pont",
    title: "Caissier·ère pour l'été",
    sector: "retail",
    contract: "seasonal",
    months: 2,
    time: "full_time",
    hours: 35,
    commune: "Pont-Sainte-Maxence",
    noDiploma: true,
    apply: "Écrivez à bonjour@epicerie-du-pont.example.",
    description: "Encaissement, paiement sans contact, fidélité client.",
    skills: [
      ["2.1", null],
      ["4.2", null],
    ],
  },
  {
    id: "5eed0000-0000-4000-8000-0000000000e5",
    partner: "agence-emploi-pont-sainte-maxence",
    title: "Agent·e d'accueil en mairie",
    sector: "public",
    contract: "cdd",
    months: 12,
    time: "part_time",
    hours: 28,
    commune: "Rieux",
    noDiploma: true,
    apply: "Inscrivez-vous à l'information collective de l'agence, ou parlez-en à votre conseiller.",
    description: "Accueil du public, prise de rendez-vous, aide aux démarches en ligne.",
    skills: [
      ["2.1", 2],
      ["3.1", 2],
      ["4.2", null],
    ],
  },
  {
    id: "5eed0000-0000-4000-8000-0000000000e6",
    partner: "centre-de-formation-des-pays-d-oise",
    title: "Apprenti·e assistant·e administratif·ve",
    sector: "services",
    contract: "apprenticeship",
    months: 24,
    time: "full_time",
    hours: 35,
    commune: "Pont-Sainte-Maxence",
    noDiploma: false,
    apply: "Dossier de candidature à retirer au centre ou par e-mail à alternance@cfpo.example.",
    description: "Bac pro ou BTS en alternance dans une entreprise du territoire : courrier, tableaux, agenda partagé.",
    skills: [
      ["3.1", 2],
      ["1.1", null],
      ["2.3", null],
    ],
  },
];

/**
 * The demo partners, their six published offers (valid 90 days from the
 * first seeding) and the demo partner account acting for the glassworks.
 * Fixed slugs and ids: seeding again adds nothing.
 */
export async function seedJobOffers(db: Kysely<Database>, now = new Date()) {
  const coordinator = await db.selectFrom("app_user").select("id").where("email", "=", "coordination@demo.passerelle.fr").executeTakeFirst();
  for (const p of DEMO_PARTNERS) {
    await db
      .insertInto("partner_org")
      .values({ slug: p.slug, name: p.name, kind: p.kind, sector: p.sector, commune: p.commune, business_zone: p.zone, description: p.description, website: p.website })
      .onConflict((oc) => oc.column("slug").doNothing())
      .execute();
  }
  const partners = new Map((await db.selectFrom("partner_org").select(["id", "slug"]).execute()).map((r) => [r.slug, r.id]));
  const staff = await db.selectFrom("app_user").select("id").where("email", "=", DEMO_PARTNER_EMAIL).executeTakeFirst();
  const glassworks = partners.get("verrerie-de-l-halatte");
  if (staff && glassworks) {
    await db
      .insertInto("partner_staff")
      .values({ partner_id: glassworks, user_id: staff.id })
      .onConflict((oc) => oc.columns(["partner_id", "user_id"]).doNothing())
      .execute();
  }
  const expires = todayInParis(new Date(now.getTime() + 90 * 86_400_000));
  for (const o of DEMO_OFFERS) {
    const partnerId = partners.get(o.partner);
    if (!partnerId) continue;
    const inserted = await db
      .insertInto("job_offer")
      .values({
        id: o.id,
        partner_id: partnerId,
        title: o.title,
        description: o.description,
        sector: o.sector,
        contract: o.contract,
        duration_months: o.months,
        working_time: o.time,
        hours_per_week: o.hours,
        commune: o.commune,
        how_to_apply: o.apply,
        no_diploma: o.noDiploma,
        status: "published",
        expires_on: expires,
        published_at: now,
        moderated_at: now,
        moderated_by: coordinator?.id ?? null,
        created_by: staff?.id ?? null,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) {
      await db
        .insertInto("job_offer_skill")
        .values(o.skills.map(([competence, level]) => ({ offer_id: o.id, competence, level })))
        .execute();
    }
  }
}
