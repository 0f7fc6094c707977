import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Enums are copied here on purpose (a migration imports nothing from the app).

const AUDIENCES = ["seniors", "youth", "job_seekers", "business_owners", "everyone"];
const STEP_KINDS = ["course", "workshop_theme", "classroom"];
// `thematique` codes of ../shared/standards/mediation-activity-vocabulary.json
const THEMES = [
  "diagnostic_numerique", "prendre_en_main_du_materiel", "maintenance_de_materiel", "gere_ses_contenus_numeriques",
  "navigation_sur_internet", "email", "bureautique", "reseaux_sociaux", "sante", "banque_et_achats_en_ligne",
  "entrepreneuriat", "insertion_professionnelle", "securite_numerique", "parentalite", "scolarite_et_numerique",
  "creer_avec_le_numerique", "culture_numerique", "intelligence_artificielle", "aide_aux_demarches_administratives",
  "papiers_elections_citoyennete", "famille_scolarite", "social_sante", "travail_formation", "logement",
  "transports_mobilite", "argent_impots", "justice", "etrangers_europe", "loisirs_sports_culture", "associations",
];
// PIX competences of ../shared/standards/competence-frameworks.json
const PIX = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "5.1", "5.2"];

const textArray = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(",")}]::text[]`);
const oneOf = (column: string, values: string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(",")})`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("learning_path")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull().check(oneOf("audience", AUDIENCES)))
    .addColumn("goal", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("published").check(sql`status in ('draft','published')`))
    // Set by the importer for paths that live in content/paths.
    .addColumn("content_hash", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Courses are referenced by slug, not by foreign key: a path file may name a
  // course that is imported later (or retired), and the step then shows as
  // "not available yet" instead of blocking the import (docs/decisions).
  await db.schema
    .createTable("path_step")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("path_id", "uuid", (c) => c.notNull().references("learning_path.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull().check(sql`key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("position", "integer", (c) => c.notNull().check(sql`position >= 0`))
    .addColumn("kind", "text", (c) => c.notNull().check(oneOf("kind", STEP_KINDS)))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("course_slug", "text")
    .addColumn("workshop_theme", "text", (c) => c.check(sql`workshop_theme is null or ${oneOf("workshop_theme", THEMES)}`))
    .addColumn("optional", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("requires", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("competences", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`competences <@ ${textArray(PIX)}`))
    .addCheckConstraint(
      "path_step_target",
      sql`(kind = 'course' and course_slug is not null and workshop_theme is null)
        or (kind = 'workshop_theme' and workshop_theme is not null and course_slug is null)
        or (kind = 'classroom' and course_slug is null and workshop_theme is null)`,
    )
    .execute();
  await sql`alter table path_step add constraint path_step_key_uq unique (path_id, key)`.execute(db);
  await sql`alter table path_step add constraint path_step_position_uq unique (path_id, position) deferrable initially deferred`.execute(db);
  await db.schema.createIndex("path_step_course_idx").on("path_step").column("course_slug").execute();

  // A placement diagnostic: anonymous ones carry the hash of the cookie token
  // until an account claims them.
  await db.schema
    .createTable("diagnostic_result")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.references("app_user.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.unique())
    .addColumn("run_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("goal", "text", (c) => c.notNull().check(oneOf("goal", AUDIENCES)))
    .addColumn("answers", "jsonb", (c) => c.notNull())
    .addColumn("competence_scores", "jsonb", (c) => c.notNull())
    .addColumn("domain_levels", "jsonb", (c) => c.notNull())
    .addColumn("recommended_path_slug", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("claimed_at", "timestamptz")
    .addCheckConstraint("diagnostic_result_owner", sql`user_id is not null or token_hash is not null`)
    .execute();
  await sql`create index diagnostic_result_user_idx on diagnostic_result (user_id, created_at desc)`.execute(db);
  await sql`create index diagnostic_result_anonymous_idx on diagnostic_result (created_at) where user_id is null`.execute(db);

  // Business visibility pre-diagnostic: the report is reached by a secret
  // link (its hash is stored), so an owner without an account keeps it.
  await db.schema
    .createTable("business_diagnostic")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("business_name", "text")
    .addColumn("sector", "text", (c) => c.notNull())
    .addColumn("commune", "text")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("answers", "jsonb", (c) => c.notNull())
    .addColumn("axis_scores", "jsonb", (c) => c.notNull())
    .addColumn("overall_score", "integer", (c) => c.notNull().check(sql`overall_score between 0 and 100`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("business_diagnostic_user_idx").on("business_diagnostic").column("user_id").execute();

  // The Ed25519 signing key of the badge issuer. One active key at a time;
  // a rotated key stays (retired) so that badges it signed still verify.
  await db.schema
    .createTable("issuer_key")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("algorithm", "text", (c) => c.notNull().check(sql`algorithm = 'EdDSA'`))
    .addColumn("public_jwk", "jsonb", (c) => c.notNull())
    .addColumn("private_key_pkcs8", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("retired_at", "timestamptz")
    .execute();
  await sql`create unique index issuer_key_one_active on issuer_key ((true)) where retired_at is null`.execute(db);

  await db.schema
    .createTable("achievement")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('path','course')`))
    .addColumn("path_id", "uuid", (c) => c.unique().references("learning_path.id").onDelete("restrict"))
    .addColumn("course_slug", "text", (c) => c.unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("criteria", "text", (c) => c.notNull())
    .addColumn("competences", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`competences <@ ${textArray(PIX)}`))
    .addColumn("content_hash", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "achievement_target",
      sql`(kind = 'path' and path_id is not null and course_slug is null) or (kind = 'course' and course_slug is not null and path_id is null)`,
    )
    .execute();

  // An issued credential. One per learner and achievement: a revoked badge
  // stays revoked (completing the path again does not re-issue it).
  await db.schema
    .createTable("badge")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("achievement_id", "uuid", (c) => c.notNull().references("achievement.id").onDelete("restrict"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("key_id", "text", (c) => c.notNull().references("issuer_key.id").onDelete("restrict"))
    .addColumn("credential", "jsonb", (c) => c.notNull())
    .addColumn("credential_jwt", "text", (c) => c.notNull())
    .addColumn("issued_at", "timestamptz", (c) => c.notNull())
    .addColumn("show_name", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("revoked_at", "timestamptz")
    .addColumn("revoked_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("revocation_reason", "text")
    .addUniqueConstraint("badge_one_per_achievement", ["achievement_id", "user_id"])
    .execute();
  await db.schema.createIndex("badge_user_idx").on("badge").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["badge", "achievement", "issuer_key", "business_diagnostic", "diagnostic_result", "path_step", "learning_path"]) {
    await db.schema.dropTable(table).execute();
  }
}
