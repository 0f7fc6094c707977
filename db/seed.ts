import type { Kysely } from "kysely";
import type { Role } from "./schema/accounts";
import type { NewRelaySpace } from "./schema/places";
import type { Database } from "./types";
import { hashPassword } from "../app/lib/password.server";
import { seedClassrooms } from "../app/features/classrooms/seed.server";
import { seedProjects } from "../app/features/projects/seed.server";
import { seedReportsDemo } from "../app/features/reports/demo-seed.server";
import { seedWorkshops } from "../app/features/workshops/seed.server";
import { seedAppointments } from "../app/features/appointments/seed.server";
import { importContentCourses } from "../app/features/courses/content-import.server";
import { seedDemoH5p } from "../app/features/h5p/seed.server";
import { seedLearnerHistory } from "../app/features/record/demo-seed.server";
import path from "node:path";
import { importPaths } from "../app/features/paths/import.server";
import { seedJobOffers } from "../app/features/jobs/offers-seed.server";

/** Known demo credentials: created only on the embedded database or by an explicit `npm run db:seed`. */
export const DEMO_PASSWORD = "passerelle-demo";
export const DEMO_ACCOUNTS: { email: string; firstName: string; lastName: string; role: Role }[] = [
  { email: "apprenant@demo.passerelle.fr", firstName: "Josette", lastName: "Martin", role: "learner" },
  { email: "mediatrice@demo.passerelle.fr", firstName: "Amina", lastName: "Benali", role: "mediator" },
  { email: "enseignant@demo.passerelle.fr", firstName: "Thomas", lastName: "Leroy", role: "teacher" },
  { email: "coordination@demo.passerelle.fr", firstName: "Claire", lastName: "Dubois", role: "coordinator" },
  // Acts for the demo glassworks (app/features/jobs/offers-seed.server.ts).
  { email: "partenaire@demo.passerelle.fr", firstName: "Sophie", lastName: "Garnier", role: "partner" },
];

const common = {
  typology: ["MUNI"],
  fees: ["Gratuit"],
  itinerance: ["Fixe"],
  access_modalities: ["Se présenter", "Téléphoner"],
  accompaniment_modalities: ["Accompagnement individuel", "Dans un atelier collectif", "En autonomie"],
  services: [
    "Aide aux démarches administratives",
    "Maîtrise des outils numériques du quotidien",
    "Insertion professionnelle via le numérique",
  ],
  audiences: ["Seniors", "Jeunes"],
  parent_structure: "Communauté de communes des Pays d'Oise et d'Halatte",
} satisfies Partial<NewRelaySpace>;

export const DEMO_RELAY_SPACES: NewRelaySpace[] = [
  {
    ...common,
    slug: "pont-sainte-maxence-mediatheque",
    name: "Espace numérique de la médiathèque de Pont-Sainte-Maxence",
    commune: "Pont-Sainte-Maxence",
    postal_code: "60700",
    insee_code: "60509",
    address: "2 rue Louis Boilet",
    latitude: 49.3016,
    longitude: 2.6046,
    phone: "+33344720510",
    emails: ["numerique@ccpoh.example"],
    opening_hours: "Tu-Fr 10:00-12:00,14:00-18:00; Sa 10:00-17:00",
    summary: "Postes en accès libre et accompagnement par une médiatrice numérique.",
    equipment: ["ordinateurs", "imprimante", "wifi"],
  },
  {
    ...common,
    slug: "rieux-mairie",
    name: "Point numérique de la mairie de Rieux",
    commune: "Rieux",
    postal_code: "60870",
    insee_code: "60537",
    address: "1 place de la Mairie",
    latitude: 49.3027,
    longitude: 2.5169,
    phone: "+33344730212",
    opening_hours: "Mo,We 14:00-17:30; Fr 09:00-12:00",
    summary: "Permanences d'aide aux démarches en ligne, sur rendez-vous ou sans.",
    equipment: ["ordinateurs", "wifi"],
  },
  {
    ...common,
    slug: "verneuil-en-halatte-centre-social",
    name: "Espace numérique du centre social de Verneuil-en-Halatte",
    commune: "Verneuil-en-Halatte",
    postal_code: "60550",
    insee_code: "60670",
    address: "12 rue Victor Hugo",
    latitude: 49.2796,
    longitude: 2.5235,
    phone: "+33344244080",
    opening_hours: "Mo-Th 09:00-12:00,13:30-17:30",
    summary: "Ateliers collectifs pour débuter et accompagnement individuel.",
    equipment: ["ordinateurs", "tablettes", "imprimante", "wifi"],
  },
];

/**
 * Demo data. Idempotent: running it again changes nothing that exists.
 * Returns what it created so the caller can print it.
 */
export async function seedDemo(db: Kysely<Database>) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const createdAccounts: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const inserted = await db
      .insertInto("app_user")
      .values({
        email: account.email,
        password_hash: passwordHash,
        first_name: account.firstName,
        last_name: account.lastName,
        role: account.role,
      })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("email")
      .executeTakeFirst();
    if (inserted) createdAccounts.push(account.email);
  }
  for (const space of DEMO_RELAY_SPACES) {
    await db
      .insertInto("relay_space")
      .values(space)
      .onConflict((oc) => oc.column("slug").doNothing())
      .execute();
  }
  // The courses of content/courses, first: paths and badges name courses by slug.
  await importContentCourses(db);
  // The project's H5P content type and its demo quiz, placed at the end of a demo lesson.
  await seedDemoH5p(db, { authorEmail: "enseignant@demo.passerelle.fr", installerEmail: "coordination@demo.passerelle.fr" });
  await seedWorkshops(db);
  // The demo mediator's one-to-one availability (appointments), within the places' hours.
  await seedAppointments(db);
  await seedClassrooms(db);
  // The four learner paths and the course badges of content/ (steps name courses by slug).
  await importPaths(db, path.resolve("content"));
  // Last year's and this year's mediation activity, for the dashboard and the yearly report.
  await seedReportsDemo(db);
  // A class of the demo teacher with a project (school projects).
  await seedProjects(db);
  // The demo learner's own story: lessons done, a workshop attended ("Mon suivi").
  await seedLearnerHistory(db);
  // Partners of the territory and their published job offers, with the demo partner account.
  await seedJobOffers(db);
  return { createdAccounts };
}

export function demoAccountsBanner(appUrl: string) {
  const lines = [
    "",
    "  Comptes de démonstration (mot de passe : " + DEMO_PASSWORD + ")",
    ...DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(12)} ${a.email}`),
    `  Se connecter : ${appUrl}/connexion`,
    "",
  ];
  return lines.join("\n");
}
