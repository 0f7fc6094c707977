import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// An access card signs its holder in as the person, so it is printed only for
// an account with no sign-in of its own (no address, no password) — or after
// the person agreed, recorded here, to also sign in with a card (decision 036).
// Each card names the agreement it was printed under.

const CARD_CONSENT_POINTS = ["carte_connexion", "connexion_actuelle", "message_envoye", "carte_perdue", "retrait"];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("access_card_consent")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("user_id", "uuid", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("recorded_by", "uuid", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("given_by", "text", (c) => c.notNull().check(sql`given_by in ('personne','representant_legal')`))
    .addColumn("representative_name", "text")
    .addColumn("explained", sql`text[]`, (c) =>
      c.notNull().check(sql`explained <@ ${sql.raw(`array[${CARD_CONSENT_POINTS.map((p) => `'${p}'`).join(",")}]::text[]`)}`),
    )
    .addColumn("notes", "text")
    .addColumn("withdrawn_at", "timestamptz")
    .addCheckConstraint("access_card_consent_representative", sql`given_by = 'personne' or representative_name is not null`)
    .execute();
  await db.schema.createIndex("access_card_consent_user_idx").on("access_card_consent").column("user_id").execute();
  await db.schema
    .alterTable("access_card")
    .addColumn("consent_id", "uuid", (c) => c.references("access_card_consent.id").onDelete("set null"))
    .execute();
  // The coordinators' list of every card, newest first.
  await db.schema.createIndex("access_card_issued_idx").on("access_card").column("issued_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("access_card_issued_idx").execute();
  await db.schema.alterTable("access_card").dropColumn("consent_id").execute();
  await db.schema.dropTable("access_card_consent").execute();
}
