import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// School classes, pupils, projects, team spaces, submissions and feedback.
//
// Pupils' personal data (birth date, parental consent, the link from a class
// seat to an account) lives in tables the retention job can empty; the work
// itself points at a class seat ("Élève 3"), never at an account, so it stays
// readable once the seat is unlinked.

// PIX competences of ../shared/standards/competence-frameworks.json
const PIX = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "5.1", "5.2"];
const LEVELS = ["sixieme", "cinquieme", "quatrieme", "troisieme", "seconde", "premiere", "terminale", "superieur", "autre"];

const textArray = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(",")}]::text[]`);
const inList = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));
const EMPTY_DOC = sql`'{"type":"doc","content":[]}'::jsonb`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("school_class")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("school", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in (${inList(LEVELS)})`))
    .addColumn("school_year", "text", (c) => c.notNull().check(sql`school_year ~ '^[0-9]{4}-[0-9]{4}$'`))
    // Null when joining is closed (turned off, or the class is archived).
    .addColumn("join_code", "text", (c) => c.unique())
    .addColumn("teacher_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    // Seats are numbered per class ("Élève 1", "Élève 2"…); the cap is a sanity limit.
    .addColumn("pupil_counter", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("archived_at", "timestamptz")
    .addColumn("personal_data_purged_at", "timestamptz")
    .addCheckConstraint("school_class_capacity", sql`pupil_counter between 0 and 200`)
    .execute();
  await db.schema.createIndex("school_class_teacher_idx").on("school_class").column("teacher_id").execute();
  await sql`create index school_class_archived_idx on school_class (archived_at) where personal_data_purged_at is null`.execute(db);

  await db.schema
    .createTable("class_pupil")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("class_id", "uuid", (c) => c.notNull().references("school_class.id").onDelete("cascade"))
    // Set to null by the retention job: the seat (and the work pointing at it) stays, anonymous.
    .addColumn("user_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("number", "integer", (c) => c.notNull().check(sql`number > 0`))
    .addColumn("joined_via", "text", (c) => c.notNull().check(sql`joined_via in ('code','import')`))
    .addColumn("joined_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("class_pupil_number_uq", ["class_id", "number"])
    .addUniqueConstraint("class_pupil_user_uq", ["class_id", "user_id"])
    .execute();
  await db.schema.createIndex("class_pupil_user_idx").on("class_pupil").column("user_id").execute();

  await db.schema
    .createTable("pupil_profile")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("app_user.id").onDelete("cascade"))
    .addColumn("birth_date", "date", (c) => c.notNull())
    // Accounts a teacher created by import belong to the class: deleted with its personal data.
    .addColumn("account_created_for_class_id", "uuid", (c) => c.references("school_class.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("parental_consent")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("pupil_user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("class_id", "uuid", (c) => c.notNull().references("school_class.id").onDelete("cascade"))
    .addColumn("given_by", "text", (c) => c.notNull().check(sql`length(btrim(given_by)) between 1 and 120`))
    .addColumn("method", "text", (c) => c.notNull().check(sql`method in ('paper','email')`))
    .addColumn("given_on", "date", (c) => c.notNull())
    .addColumn("recorded_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("withdrawn_at", "timestamptz")
    .execute();
  await db.schema.createIndex("parental_consent_pupil_idx").on("parental_consent").column("pupil_user_id").execute();
  await db.schema.createIndex("parental_consent_class_idx").on("parental_consent").column("class_id").execute();

  await db.schema
    .createTable("school_project")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("class_id", "uuid", (c) => c.notNull().references("school_class.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("brief", "jsonb", (c) => c.notNull().defaultTo(EMPTY_DOC))
    .addColumn("competences", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(sql`competences <@ ${textArray(PIX)}`))
    .addColumn("team_mode", "text", (c) => c.notNull().defaultTo("teacher").check(sql`team_mode in ('teacher','choice')`))
    .addColumn("max_team_size", "integer", (c) => c.notNull().defaultTo(4).check(sql`max_team_size between 1 and 12`))
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The classes a project is shared with (its own class included).
  await db.schema
    .createTable("project_class")
    .addColumn("project_id", "uuid", (c) => c.notNull().references("school_project.id").onDelete("cascade"))
    .addColumn("class_id", "uuid", (c) => c.notNull().references("school_class.id").onDelete("cascade"))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("project_class_pk", ["project_id", "class_id"])
    .execute();
  await db.schema.createIndex("project_class_class_idx").on("project_class").column("class_id").execute();

  await db.schema
    .createTable("project_teacher")
    .addColumn("project_id", "uuid", (c) => c.notNull().references("school_project.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('owner','co_teacher')`))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("project_teacher_pk", ["project_id", "user_id"])
    .execute();
  await db.schema.createIndex("project_teacher_user_idx").on("project_teacher").column("user_id").execute();

  await db.schema
    .createTable("project_milestone")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("project_id", "uuid", (c) => c.notNull().references("school_project.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_on", "date", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("project_milestone_project_idx").on("project_milestone").columns(["project_id", "due_on"]).execute();

  await db.schema
    .createTable("project_team")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("project_id", "uuid", (c) => c.notNull().references("school_project.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("project_team_name_uq", ["project_id", "name"])
    .addUniqueConstraint("project_team_id_project_uq", ["id", "project_id"])
    .execute();

  // One team per pupil per project: the primary key says so.
  await db.schema
    .createTable("project_team_member")
    .addColumn("project_id", "uuid", (c) => c.notNull())
    .addColumn("team_id", "uuid", (c) => c.notNull())
    .addColumn("pupil_id", "uuid", (c) => c.notNull().references("class_pupil.id").onDelete("cascade"))
    .addColumn("joined_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("project_team_member_pk", ["project_id", "pupil_id"])
    .addForeignKeyConstraint("project_team_member_team_fk", ["team_id", "project_id"], "project_team", ["id", "project_id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();
  await db.schema.createIndex("project_team_member_team_idx").on("project_team_member").column("team_id").execute();

  // The team's shared document: `version` is bumped by every save
  // (UPDATE … WHERE version = expected), so two saves of one version cannot both win.
  await db.schema
    .createTable("team_document")
    .addColumn("team_id", "uuid", (c) => c.primaryKey().references("project_team.id").onDelete("cascade"))
    .addColumn("content", "jsonb", (c) => c.notNull().defaultTo(EMPTY_DOC))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0).check(sql`version >= 0`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_by_pupil_id", "uuid", (c) => c.references("class_pupil.id").onDelete("set null"))
    .execute();

  // Every save attempt, kept: the winners ("saved", one per version) and the
  // losers of a race ("conflict", no version) — nothing typed is ever lost.
  await db.schema
    .createTable("team_document_revision")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("team_id", "uuid", (c) => c.notNull().references("project_team.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('saved','conflict')`))
    .addColumn("version", "integer")
    .addColumn("base_version", "integer", (c) => c.notNull())
    .addColumn("content", "jsonb", (c) => c.notNull())
    .addColumn("saved_by_pupil_id", "uuid", (c) => c.references("class_pupil.id").onDelete("set null"))
    .addColumn("saved_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("team_document_revision_version", sql`(kind = 'saved') = (version is not null)`)
    .execute();
  await sql`create unique index team_document_revision_version_uq on team_document_revision (team_id, version) where version is not null`.execute(db);
  await db.schema.createIndex("team_document_revision_team_idx").on("team_document_revision").columns(["team_id", "saved_at"]).execute();

  await db.schema
    .createTable("team_task")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("team_id", "uuid", (c) => c.notNull().references("project_team.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("todo").check(sql`status in ('todo','doing','done')`))
    .addColumn("assignee_pupil_id", "uuid", (c) => c.references("class_pupil.id").onDelete("set null"))
    .addColumn("created_by_pupil_id", "uuid", (c) => c.references("class_pupil.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("team_task_team_idx").on("team_task").column("team_id").execute();

  await db.schema
    .createTable("team_attachment")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("team_id", "uuid", (c) => c.notNull().references("project_team.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull().check(sql`size_bytes > 0`))
    .addColumn("storage_key", "text", (c) => c.notNull().unique())
    .addColumn("uploaded_by_pupil_id", "uuid", (c) => c.references("class_pupil.id").onDelete("set null"))
    .addColumn("uploaded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("team_attachment_team_idx").on("team_attachment").column("team_id").execute();

  await db.schema
    .createTable("project_submission")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("team_id", "uuid", (c) => c.notNull().references("project_team.id").onDelete("cascade"))
    .addColumn("milestone_id", "uuid", (c) => c.notNull().references("project_milestone.id"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("document", "jsonb", (c) => c.notNull())
    .addColumn("document_version", "integer", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("submitted_by_pupil_id", "uuid", (c) => c.references("class_pupil.id"))
    .addColumn("submitted_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("project_submission_version_uq", ["team_id", "milestone_id", "version"])
    .execute();
  await db.schema.createIndex("project_submission_milestone_idx").on("project_submission").column("milestone_id").execute();

  await db.schema
    .createTable("submission_attachment")
    .addColumn("submission_id", "uuid", (c) => c.notNull().references("project_submission.id").onDelete("cascade"))
    // A file handed in cannot be deleted from the team space afterwards.
    .addColumn("attachment_id", "uuid", (c) => c.notNull().references("team_attachment.id"))
    .addPrimaryKeyConstraint("submission_attachment_pk", ["submission_id", "attachment_id"])
    .execute();

  // A submission is what was handed in, at that moment: never changed, a new
  // version is a new row. The database refuses any UPDATE.
  await sql`
    create or replace function project_forbid_update() returns trigger language plpgsql as $$
    begin
      raise exception 'rows of % are immutable: insert a new version instead', tg_table_name
        using errcode = 'P0001';
    end
    $$
  `.execute(db);
  await sql`create trigger project_submission_immutable before update on project_submission for each row execute function project_forbid_update()`.execute(db);
  await sql`create trigger submission_attachment_immutable before update on submission_attachment for each row execute function project_forbid_update()`.execute(db);

  await db.schema
    .createTable("submission_review")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("submission_id", "uuid", (c) => c.notNull().references("project_submission.id").onDelete("cascade"))
    .addColumn("decision", "text", (c) => c.notNull().check(sql`decision in ('returned','accepted','commented')`))
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reviewed_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("reviewed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("submission_review_submission_idx").on("submission_review").column("submission_id").execute();

  await db.schema
    .createTable("pupil_assessment")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("review_id", "uuid", (c) => c.notNull().references("submission_review.id").onDelete("cascade"))
    .addColumn("pupil_id", "uuid", (c) => c.notNull().references("class_pupil.id").onDelete("cascade"))
    .addColumn("competence", "text", (c) => c.notNull().check(sql`competence in (${inList(PIX)})`))
    .addColumn("level", "integer", (c) => c.notNull().check(sql`level between 1 and 8`))
    .addUniqueConstraint("pupil_assessment_uq", ["review_id", "pupil_id", "competence"])
    .execute();
  await db.schema.createIndex("pupil_assessment_pupil_idx").on("pupil_assessment").column("pupil_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "pupil_assessment",
    "submission_review",
    "submission_attachment",
    "project_submission",
    "team_attachment",
    "team_task",
    "team_document_revision",
    "team_document",
    "project_team_member",
    "project_team",
    "project_milestone",
    "project_teacher",
    "project_class",
    "school_project",
    "parental_consent",
    "pupil_profile",
    "class_pupil",
    "school_class",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function if exists project_forbid_update()`.execute(db);
}
