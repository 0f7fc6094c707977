import { sql, type Kysely, type RawBuilder } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// The value lists are copied here on purpose (a migration imports nothing
// from the app): the national schema of mediation places v1.0.2, the
// national activity-report vocabulary, and Passerelle's own lists.

const list = (values: readonly string[]): RawBuilder<unknown> =>
  sql`array[${sql.join(values.map((v) => sql.lit(v)))}]::text[]`;
const within = (column: string, values: readonly string[]) => sql`${sql.ref(column)} <@ ${list(values)}`;
const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} is null or ${sql.ref(column)} = any(${list(values)})`;

const PLACE_LISTS: Record<string, readonly string[]> = {
  services: [
    "Aide aux démarches administratives",
    "Maîtrise des outils numériques du quotidien",
    "Insertion professionnelle via le numérique",
    "Utilisation sécurisée du numérique",
    "Parentalité et éducation avec le numérique",
    "Loisirs et créations numériques",
    "Compréhension du monde numérique",
    "Accès internet et matériel informatique",
    "Acquisition de matériel informatique à prix solidaire",
  ],
  audiences: ["Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes"],
  specific_support: [
    "Surdité",
    "Handicaps moteurs",
    "Handicaps mentaux",
    "Illettrisme",
    "Langues étrangères (anglais)",
    "Langues étrangères (autres)",
    "Déficience visuelle",
  ],
  fees: ["Gratuit", "Gratuit sous condition", "Payant"],
  national_programmes: [
    "Aidants Connect",
    "Bibliothèques numérique de référence",
    "Certification PIX",
    "Conseillers numériques",
    "Emmaüs Connect",
    "France Services",
    "Grande école du numérique",
    "La Croix Rouge",
    "Point d'accès numérique CAF",
    "Promeneurs du net",
    "Relais numérique (Emmaüs Connect)",
  ],
  trainings_labels: [
    "Formé à « Mon Espace Santé »",
    "Formé à « DUPLEX » (illettrisme)",
    "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
    "Collectif ressources et acteurs réemploi (Normandie)",
    "Étapes numériques(La Poste)",
    "Fabriques de Territoire",
    "Les Éclaireurs du numérique (Drôme)",
    "Mes Papiers (Métropole de Lyon)",
    "ORDI 3.0",
    "SUD LABS (PACA)",
  ],
  access_modalities: [
    "Se présenter",
    "Téléphoner",
    "Contacter par mail",
    "Prendre un RDV en ligne",
    "Ce lieu n'accueille pas de public",
    "Envoyer un mail avec une fiche de prescription",
  ],
  accompaniment_modalities: ["En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance"],
  itinerance: ["Itinérant", "Fixe"],
  equipment: ["ordinateurs", "tablettes", "imprimante", "scanner", "wifi", "webcam"],
  accessibility: [
    "entree_plain_pied",
    "ascenseur",
    "toilettes_adaptees",
    "stationnement_pmr",
    "boucle_magnetique",
    "grands_ecrans",
  ],
};

const THEMES = [
  "diagnostic_numerique",
  "prendre_en_main_du_materiel",
  "maintenance_de_materiel",
  "gere_ses_contenus_numeriques",
  "navigation_sur_internet",
  "email",
  "bureautique",
  "reseaux_sociaux",
  "sante",
  "banque_et_achats_en_ligne",
  "entrepreneuriat",
  "insertion_professionnelle",
  "securite_numerique",
  "parentalite",
  "scolarite_et_numerique",
  "creer_avec_le_numerique",
  "culture_numerique",
  "intelligence_artificielle",
  "aide_aux_demarches_administratives",
  "papiers_elections_citoyennete",
  "famille_scolarite",
  "social_sante",
  "travail_formation",
  "logement",
  "transports_mobilite",
  "argent_impots",
  "justice",
  "etrangers_europe",
  "loisirs_sports_culture",
  "associations",
];
const LEVELS = ["debutant", "intermediaire", "avance"];
const ACTIVITY_TYPES = ["individuel", "collectif"];
const PLACE_TYPES = ["lieu_activite", "domicile", "a_distance", "autre"];
const EQUIPMENT = ["ordinateur", "telephone", "tablette", "autre", "aucun"];
const AUTONOMY = ["entierement_accompagne", "partiellement_autonome", "autonome"];
const REDIRECTION = [
  "administration",
  "mediation_numerique",
  "operateur_ou_organisme_en_charge",
  "aide_sociale",
  "insertion_professionnelle",
  "aide_aux_demarches_administratives",
  "autre",
];
const GENDERS = ["masculin", "feminin", "non_communique"];
const AGE_BANDS = [
  "moins_de_douze",
  "douze_dix_huit",
  "dix_huit_vingt_quatre",
  "vingt_cinq_trente_neuf",
  "quarante_cinquante_neuf",
  "soixante_soixante_neuf",
  "soixante_dix_plus",
  "non_communique",
];
const SOCIAL_STATUSES = ["scolarise", "sans_emploi", "en_emploi", "retraite", "non_communique"];
const LEARNER_AUDIENCES = ["seniors", "jeunes", "demandeurs_emploi", "entrepreneurs", "autre"];
const CONSENT_POINTS = ["donnees_collectees", "finalites", "acces_mediateurs", "duree_conservation", "droits"];
const INSEE = "^([013-9][0-9]|2[AB1-9])[0-9]{3}$";

export async function up(db: Kysely<any>): Promise<void> {
  // Relay spaces: the national value lists become check constraints.
  await db.schema
    .alterTable("relay_space")
    .addColumn("accessibility", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("archived_at", "timestamptz")
    .execute();
  for (const [column, values] of Object.entries(PLACE_LISTS)) {
    await sql`alter table relay_space add constraint ${sql.id(`relay_space_${column}_values`)} check (${within(column, values)})`.execute(db);
  }
  await sql`alter table relay_space
    add constraint relay_space_pivot_format check (pivot is null or pivot ~ '^[a-zA-Z0-9]{9,14}$'),
    add constraint relay_space_postal_code_format check (postal_code ~ '^[0-9]{5}$'),
    add constraint relay_space_insee_format check (insee_code is null or insee_code ~ ${sql.lit(INSEE)}),
    add constraint relay_space_summary_length check (summary is null or char_length(summary) <= 280)`.execute(db);

  // Assisted accounts: a learner's profile in the national codes where they exist.
  await db.schema
    .alterTable("app_user")
    .addColumn("age_band", "text", (c) => c.check(oneOf("age_band", AGE_BANDS)))
    .addColumn("commune", "text")
    .addColumn("commune_insee", "text", (c) => c.check(sql`commune_insee is null or commune_insee ~ ${sql.lit(INSEE)}`))
    .addColumn("audience", "text", (c) => c.check(oneOf("audience", LEARNER_AUDIENCES)))
    .execute();
  await db.schema.createIndex("app_user_created_by_idx").on("app_user").column("created_by").execute();

  await db.schema
    .createTable("workshop")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("title", "text", (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn("description", "text")
    .addColumn("themes", sql`text[]`, (c) => c.notNull().check(sql`cardinality(themes) >= 1 and ${within("themes", THEMES)}`))
    .addColumn("level", "text", (c) => c.notNull().check(sql`level = any(${list(LEVELS)})`))
    .addColumn("relay_space_id", "uuid", (c) => c.references("relay_space.id").onDelete("restrict"))
    .addColumn("is_remote", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("starts_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("seats", "integer", (c) => c.notNull().check(sql`seats between 1 and 500`))
    .addColumn("equipment_to_bring", "text")
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("workshop_time_order", sql`ends_at > starts_at`)
    .addCheckConstraint("workshop_place_or_remote", sql`(relay_space_id is not null) <> is_remote`)
    .execute();
  await db.schema.createIndex("workshop_starts_idx").on("workshop").column("starts_at").execute();
  await db.schema.createIndex("workshop_space_idx").on("workshop").columns(["relay_space_id", "starts_at"]).execute();

  await db.schema
    .createTable("workshop_mediator")
    .addColumn("workshop_id", "uuid", (c) => c.notNull().references("workshop.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("workshop_mediator_pk", ["workshop_id", "user_id"])
    .execute();
  await db.schema.createIndex("workshop_mediator_user_idx").on("workshop_mediator").column("user_id").execute();

  await db.schema
    .createTable("booking")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("workshop_id", "uuid", (c) => c.notNull().references("workshop.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('confirmed','waitlisted','cancelled')`))
    .addColumn("booked_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    // clock_timestamp, not now(): the waitlist order is the order in which
    // bookings got the workshop's lock, not when their transactions began.
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn("promoted_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("cancelled_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .execute();
  // A person holds at most one live booking (seat or waitlist place) per workshop.
  await sql`create unique index booking_one_active_per_person on booking (workshop_id, user_id)
    where status in ('confirmed','waitlisted')`.execute(db);
  await db.schema.createIndex("booking_queue_idx").on("booking").columns(["workshop_id", "status", "created_at", "id"]).execute();
  await db.schema.createIndex("booking_user_idx").on("booking").column("user_id").execute();

  await db.schema
    .createTable("attendance")
    .addColumn("workshop_id", "uuid", (c) => c.notNull().references("workshop.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("checked_in_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("checked_in_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("walk_in", "boolean", (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint("attendance_pk", ["workshop_id", "user_id"])
    .execute();
  await db.schema.createIndex("attendance_user_idx").on("attendance").column("user_id").execute();

  await db.schema
    .createTable("access_card")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull().unique())
    .addColumn("issued_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("issued_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("revoked_at", "timestamptz")
    .addColumn("revoked_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("last_used_at", "timestamptz")
    .execute();
  await sql`create unique index access_card_one_active on access_card (user_id) where revoked_at is null`.execute(db);

  await db.schema
    .createTable("assisted_consent")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("recorded_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("given_by", "text", (c) => c.notNull().check(sql`given_by in ('personne','representant_legal')`))
    .addColumn("representative_name", "text")
    .addColumn("explained", sql`text[]`, (c) => c.notNull().check(within("explained", CONSENT_POINTS)))
    .addColumn("notes", "text")
    .addColumn("withdrawn_at", "timestamptz")
    .addCheckConstraint(
      "assisted_consent_representative",
      sql`given_by = 'personne' or representative_name is not null`,
    )
    .execute();
  await db.schema.createIndex("assisted_consent_user_idx").on("assisted_consent").column("user_id").execute();

  await db.schema
    .createTable("mediation_activity")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("mediator_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("activity_type", "text", (c) => c.notNull().check(sql`activity_type = any(${list(ACTIVITY_TYPES)})`))
    .addColumn("activity_date", "date", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull().check(sql`duration_minutes between 1 and 1440`))
    .addColumn("place_type", "text", (c) => c.notNull().check(sql`place_type = any(${list(PLACE_TYPES)})`))
    .addColumn("relay_space_id", "uuid", (c) => c.references("relay_space.id").onDelete("set null"))
    .addColumn("place_commune", "text")
    .addColumn("place_commune_insee", "text", (c) =>
      c.check(sql`place_commune_insee is null or place_commune_insee ~ ${sql.lit(INSEE)}`),
    )
    .addColumn("equipment", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(within("equipment", EQUIPMENT)))
    .addColumn("themes", sql`text[]`, (c) => c.notNull().check(sql`cardinality(themes) >= 1 and ${within("themes", THEMES)}`))
    .addColumn("autonomy", "text", (c) => c.check(oneOf("autonomy", AUTONOMY)))
    .addColumn("redirection", "text", (c) => c.check(oneOf("redirection", REDIRECTION)))
    .addColumn("notes", "text")
    .addColumn("anonymous_participants", "integer", (c) =>
      c.notNull().defaultTo(0).check(sql`anonymous_participants between 0 and 500`),
    )
    .addColumn("workshop_id", "uuid", (c) => c.references("workshop.id").onDelete("set null"))
    // Pre-filled by a workshop check-in, not yet reviewed by the mediator.
    .addColumn("needs_review", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index mediation_activity_one_per_workshop on mediation_activity (workshop_id, mediator_id)
    where workshop_id is not null`.execute(db);
  await db.schema.createIndex("mediation_activity_mediator_idx").on("mediation_activity").columns(["mediator_id", "activity_date"]).execute();
  await db.schema.createIndex("mediation_activity_date_idx").on("mediation_activity").column("activity_date").execute();

  await db.schema
    .createTable("mediation_beneficiary")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("activity_id", "uuid", (c) => c.notNull().references("mediation_activity.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("gender", "text", (c) => c.check(oneOf("gender", GENDERS)))
    .addColumn("age_band", "text", (c) => c.check(oneOf("age_band", AGE_BANDS)))
    .addColumn("social_status", "text", (c) => c.check(oneOf("social_status", SOCIAL_STATUSES)))
    .addColumn("commune", "text")
    .addColumn("commune_insee", "text", (c) => c.check(sql`commune_insee is null or commune_insee ~ ${sql.lit(INSEE)}`))
    .execute();
  await sql`create unique index mediation_beneficiary_once on mediation_beneficiary (activity_id, user_id)
    where user_id is not null`.execute(db);
  await db.schema.createIndex("mediation_beneficiary_user_idx").on("mediation_beneficiary").column("user_id").execute();

  // Personal calendar feeds: the URL's secret, hashed; deleting the row revokes it.
  await db.schema
    .createTable("calendar_feed")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("app_user.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "calendar_feed",
    "mediation_beneficiary",
    "mediation_activity",
    "assisted_consent",
    "access_card",
    "attendance",
    "booking",
    "workshop_mediator",
    "workshop",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex("app_user_created_by_idx").execute();
  await db.schema
    .alterTable("app_user")
    .dropColumn("age_band")
    .dropColumn("commune")
    .dropColumn("commune_insee")
    .dropColumn("audience")
    .execute();
  for (const column of Object.keys(PLACE_LISTS)) {
    await sql`alter table relay_space drop constraint ${sql.id(`relay_space_${column}_values`)}`.execute(db);
  }
  await sql`alter table relay_space
    drop constraint relay_space_pivot_format,
    drop constraint relay_space_postal_code_format,
    drop constraint relay_space_insee_format,
    drop constraint relay_space_summary_length,
    drop column accessibility,
    drop column archived_at`.execute(db);
}
