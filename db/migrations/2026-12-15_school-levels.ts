import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Primary-school classes (CP to CM2) join the collège and lycée levels.

const LEVELS = [
  "cp",
  "ce1",
  "ce2",
  "cm1",
  "cm2",
  "sixieme",
  "cinquieme",
  "quatrieme",
  "troisieme",
  "seconde",
  "premiere",
  "terminale",
  "superieur",
  "autre",
];
const OLD_LEVELS = LEVELS.slice(5);

const inList = (values: string[]) => sql.join(values.map((v) => sql.lit(v)));

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table school_class drop constraint school_class_level_check`.execute(db);
  await sql`alter table school_class add constraint school_class_level_check check (level in (${inList(LEVELS)}))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table school_class drop constraint school_class_level_check`.execute(db);
  await sql`alter table school_class add constraint school_class_level_check check (level in (${inList(OLD_LEVELS)}))`.execute(db);
}
