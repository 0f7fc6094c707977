import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Towards a job (issue 20): partner organisations and the staff acting for
// them (a new « partner » role), their job offers with the digital skills each
// needs, job seekers' profiles with an explicit, revocable consent to share,
// every disclosure logged, and applications with their history.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table app_user drop constraint app_user_role_check`.execute(db);
  await sql`alter table app_user add constraint app_user_role_check
    check (role in ('learner', 'mediator', 'teacher', 'coordinator', 'partner'))`.execute(db);
  await sql`alter table staff_invitation drop constraint staff_invitation_role_check`.execute(db);
  await sql`alter table staff_invitation add constraint staff_invitation_role_check
    check (role in ('mediator', 'teacher', 'coordinator', 'partner'))`.execute(db);

  await db.schema
    .createTable("partner_org")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('employer', 'employment_operator', 'training_operator', 'association')`),
    )
    .addColumn("sector", "text", (c) => c.notNull())
    .addColumn("commune", "text", (c) => c.notNull())
    .addColumn("commune_insee", "text")
    .addColumn("business_zone", "text")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("website", "text")
    .addColumn("contact_email", "text")
    .addColumn("contact_phone", "text")
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("archived_at", "timestamptz")
    .execute();

  await db.schema
    .createTable("partner_staff")
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partner_org.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("added_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("partner_staff_pk", ["partner_id", "user_id"])
    .execute();
  await db.schema.createIndex("partner_staff_user").on("partner_staff").column("user_id").execute();

  // A partner's staff member is invited like other staff; the invitation says for which partner.
  await db.schema
    .alterTable("staff_invitation")
    .addColumn("partner_id", "uuid", (c) => c.references("partner_org.id").onDelete("cascade"))
    .execute();
  await sql`alter table staff_invitation add constraint staff_invitation_partner
    check ((role = 'partner') = (partner_id is not null))`.execute(db);

  await db.schema
    .createTable("job_offer")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("partner_id", "uuid", (c) => c.notNull().references("partner_org.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sector", "text", (c) => c.notNull())
    .addColumn("contract", "text", (c) =>
      c.notNull().check(sql`contract in ('cdi', 'cdd', 'interim', 'apprenticeship', 'internship', 'seasonal', 'freelance')`),
    )
    .addColumn("duration_months", "integer", (c) => c.check(sql`duration_months between 1 and 60`))
    .addColumn("working_time", "text", (c) => c.notNull().check(sql`working_time in ('full_time', 'part_time')`))
    .addColumn("hours_per_week", "integer", (c) => c.check(sql`hours_per_week between 1 and 48`))
    .addColumn("commune", "text", (c) => c.notNull())
    .addColumn("commune_insee", "text")
    .addColumn("business_zone", "text")
    .addColumn("starts_on", "date")
    .addColumn("how_to_apply", "text", (c) => c.notNull())
    // « Accessible sans diplôme ».
    .addColumn("no_diploma", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending', 'published', 'rejected', 'filled', 'withdrawn')`),
    )
    .addColumn("expires_on", "date", (c) => c.notNull())
    .addColumn("moderated_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("moderated_at", "timestamptz")
    .addColumn("moderation_note", "text")
    // The partner's own reference for imported offers: re-importing the same row updates, never duplicates.
    .addColumn("external_ref", "text")
    .addColumn("created_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("published_at", "timestamptz")
    .addUniqueConstraint("job_offer_external_ref", ["partner_id", "external_ref"])
    .execute();
  await db.schema.createIndex("job_offer_partner").on("job_offer").column("partner_id").execute();
  await db.schema.createIndex("job_offer_listed").on("job_offer").columns(["status", "expires_on"]).execute();

  await db.schema
    .createTable("job_offer_skill")
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("job_offer.id").onDelete("cascade"))
    // A PIX competence code ("4.1") from ../shared/standards/competence-frameworks.json.
    .addColumn("competence", "text", (c) => c.notNull())
    // The PIX level wanted (1–8), when the partner says.
    .addColumn("level", "integer", (c) => c.check(sql`level between 1 and 8`))
    .addPrimaryKeyConstraint("job_offer_skill_pk", ["offer_id", "competence"])
    .execute();

  await db.schema
    .createTable("job_seeker_profile")
    .addColumn("user_id", "uuid", (c) => c.primaryKey().references("app_user.id").onDelete("cascade"))
    .addColumn("sectors", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("communes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // How the person gets about: walking or cycling, bus, car; and whether they hold a licence.
    .addColumn("mobility", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("driving_licence", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("available_from", "date")
    .addColumn("availability", "text", (c) => c.notNull().defaultTo(""))
    // Consent to show partners the verified badges / the diagnostic levels; null = not given (or revoked).
    .addColumn("share_badges_since", "timestamptz")
    .addColumn("share_diagnostic_since", "timestamptz")
    .addColumn("alerts", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Every consent given or revoked, kept: what the person agreed to and when.
  await db.schema
    .createTable("job_consent_event")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("scope", "text", (c) => c.notNull().check(sql`scope in ('badges', 'diagnostic')`))
    .addColumn("granted", "boolean", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("job_consent_event_user").on("job_consent_event").columns(["user_id", "at"]).execute();

  await db.schema
    .createTable("job_application")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("job_offer.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    // The person, or the mediator who did it with them.
    .addColumn("sent_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("interested").check(sql`status in ('interested', 'interview', 'not_retained', 'hired', 'withdrawn')`),
    )
    .addColumn("message", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("job_application_once", ["offer_id", "user_id"])
    .execute();
  await db.schema.createIndex("job_application_user").on("job_application").column("user_id").execute();

  await db.schema
    .createTable("job_application_event")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("application_id", "uuid", (c) => c.notNull().references("job_application.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("by_user_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("job_application_event_app").on("job_application_event").column("application_id").execute();

  // Each time a partner's staff saw something the person shared: visible to the person.
  await db.schema
    .createTable("job_disclosure")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("partner_id", "uuid", (c) => c.references("partner_org.id").onDelete("set null"))
    .addColumn("viewer_id", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("application_id", "uuid", (c) => c.references("job_application.id").onDelete("set null"))
    .addColumn("shown", sql`text[]`, (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("job_disclosure_user").on("job_disclosure").columns(["user_id", "at"]).execute();

  // A new matching offer is announced to a person once.
  await db.schema
    .createTable("job_offer_alert")
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("job_offer.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("job_offer_alert_pk", ["offer_id", "user_id"])
    .execute();
}
