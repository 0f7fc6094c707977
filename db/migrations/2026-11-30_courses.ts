import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Enums are copied here on purpose (a migration imports nothing from the app).

const AUDIENCES = ["seniors", "youth", "job_seekers", "business_owners", "everyone"];
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

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("course")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("objectives", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("audiences", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`audiences <@ ${textArray(AUDIENCES)}`))
    .addColumn("themes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`themes <@ ${textArray(THEMES)}`))
    .addColumn("competences", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`competences <@ ${textArray(PIX)}`))
    .addColumn("level", "text", (c) => c.notNull().defaultTo("debutant").check(sql`level in ('debutant','intermediaire','avance')`))
    .addColumn("cover_image_key", "text")
    .addColumn("cover_alt", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft").check(sql`status in ('draft','published')`))
    .addColumn("published_at", "timestamptz")
    // Lesson titles and objectives, kept up to date by the service: a generated
    // column cannot read other tables or arrays immutably.
    .addColumn("search_extra", "text", (c) => c.notNull().defaultTo(""))
    // Set by `npm run content:import` for courses that live in content/.
    .addColumn("content_hash", "text")
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("course_cover_alt_required", sql`cover_image_key is null or length(btrim(coalesce(cover_alt, ''))) > 0`)
    .execute();
  // French full text, accents and case folded on both sides (see docs/decisions).
  await sql`
    alter table course add column search tsvector generated always as (
      setweight(to_tsvector('french'::regconfig, immutable_unaccent(title)), 'A') ||
      setweight(to_tsvector('french'::regconfig, immutable_unaccent(summary)), 'B') ||
      setweight(to_tsvector('french'::regconfig, immutable_unaccent(search_extra)), 'C')
    ) stored
  `.execute(db);
  await sql`create index course_search_idx on course using gin (search)`.execute(db);
  await sql`create index course_published_idx on course (title) where status = 'published'`.execute(db);
  await sql`create index course_audiences_idx on course using gin (audiences)`.execute(db);
  await sql`create index course_themes_idx on course using gin (themes)`.execute(db);

  await db.schema
    .createTable("course_author")
    .addColumn("course_id", "uuid", (c) => c.notNull().references("course.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("course_author_pk", ["course_id", "user_id"])
    .execute();
  await db.schema.createIndex("course_author_user_idx").on("course_author").column("user_id").execute();

  await db.schema
    .createTable("course_module")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("course_id", "uuid", (c) => c.notNull().references("course.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().check(sql`position >= 0`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("source_key", "text")
    .execute();
  // Deferred so that a reorder can swap positions inside one transaction.
  await sql`alter table course_module add constraint course_module_position_uq unique (course_id, position) deferrable initially deferred`.execute(db);
  await sql`create unique index course_module_source_uq on course_module (course_id, source_key) where source_key is not null`.execute(db);

  await db.schema
    .createTable("lesson")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("course_id", "uuid", (c) => c.notNull().references("course.id").onDelete("cascade"))
    .addColumn("module_id", "uuid", (c) => c.notNull().references("course_module.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().check(sql`position >= 0`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("estimated_minutes", "integer", (c) => c.notNull().defaultTo(5).check(sql`estimated_minutes between 1 and 600`))
    .addColumn("body", "jsonb", (c) => c.notNull().defaultTo(sql`'{"type":"doc","content":[]}'::jsonb`))
    .addColumn("required", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("source_key", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`alter table lesson add constraint lesson_position_uq unique (module_id, position) deferrable initially deferred`.execute(db);
  await sql`create unique index lesson_source_uq on lesson (course_id, source_key) where source_key is not null`.execute(db);
  await db.schema.createIndex("lesson_course_idx").on("lesson").column("course_id").execute();

  await db.schema
    .createTable("enrolment")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("course_id", "uuid", (c) => c.notNull().references("course.id").onDelete("cascade"))
    .addColumn("enrolled_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_lesson_id", "uuid", (c) => c.references("lesson.id").onDelete("set null"))
    .addColumn("completed_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("enrolment_pk", ["user_id", "course_id"])
    .execute();
  await db.schema.createIndex("enrolment_course_idx").on("enrolment").column("course_id").execute();

  await db.schema
    .createTable("lesson_progress")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("lesson_id", "uuid", (c) => c.notNull().references("lesson.id").onDelete("cascade"))
    .addColumn("course_id", "uuid", (c) => c.notNull().references("course.id").onDelete("cascade"))
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("completed_at", "timestamptz")
    .addColumn("last_position", "text")
    .addColumn("best_score", "double precision", (c) => c.check(sql`best_score between 0 and 1`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("lesson_progress_pk", ["user_id", "lesson_id"])
    .execute();
  await db.schema.createIndex("lesson_progress_course_idx").on("lesson_progress").columns(["user_id", "course_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["lesson_progress", "enrolment", "lesson", "course_module", "course_author", "course"]) {
    await db.schema.dropTable(table).execute();
  }
}
