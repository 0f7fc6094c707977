import { sql, type Kysely } from "kysely";

// Frozen: a migration never changes once it has landed; write a new one.
// Issue 17 (decision 049): one number that changes whenever anything a
// visitor's page shows changes, so that a worker can answer a 304 without
// rendering. Bumped once per writing transaction, at its commit (deferred
// constraint triggers: the row lock is taken last, after every other lock,
// so it can neither deadlock nor be held through a long transaction), and
// announced by NOTIFY, delivered to every listening worker after the commit.
// The number is at least the clock in milliseconds: a database restored or
// recreated never goes back to a number already given out in a tag.

/** The tables visitor pages read (found by scripts/bench/visitor-tables.ts), and the jobs catalogue's. */
const TABLES = [
  "course",
  "course_module",
  "lesson",
  "lesson_question",
  "learning_path",
  "path_step",
  "relay_space",
  "workshop",
  "workshop_mediator",
  "booking",
  "classroom",
  "partner_org",
  "job_offer",
  "job_offer_skill",
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table data_version (
    id boolean primary key default true check (id),
    version bigint not null
  )`.execute(db);
  await sql`insert into data_version (version) values ((extract(epoch from clock_timestamp()) * 1000)::bigint)`.execute(db);
  await sql`create function bump_data_version() returns trigger language plpgsql as $$
    declare
      bumped bigint;
    begin
      -- Once per transaction, however many rows or tables it wrote.
      if current_setting('passerelle.data_version_bumped', true) = 'yes' then
        return null;
      end if;
      update data_version
        set version = greatest(version + 1, (extract(epoch from clock_timestamp()) * 1000)::bigint)
        returning version into bumped;
      perform pg_notify('passerelle_data_version', bumped::text);
      perform set_config('passerelle.data_version_bumped', 'yes', true);
      return null;
    end
  $$`.execute(db);
  for (const table of TABLES) {
    await sql`create constraint trigger data_version_bump after insert or update or delete on ${sql.table(table)}
      deferrable initially deferred for each row execute function bump_data_version()`.execute(db);
    await sql`create trigger data_version_bump_truncate after truncate on ${sql.table(table)}
      for each statement execute function bump_data_version()`.execute(db);
  }
  // Visitor pages show staff and askers by name only: a sign-in or a
  // preference saved must not make every page new.
  await sql`create constraint trigger data_version_bump after update on app_user
    deferrable initially deferred for each row
    when (old.first_name is distinct from new.first_name or old.last_name is distinct from new.last_name
      or old.role is distinct from new.role or old.disabled_at is distinct from new.disabled_at)
    execute function bump_data_version()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger data_version_bump on app_user`.execute(db);
  for (const table of TABLES) {
    await sql`drop trigger data_version_bump on ${sql.table(table)}`.execute(db);
    await sql`drop trigger data_version_bump_truncate on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function bump_data_version()`.execute(db);
  await sql`drop table data_version`.execute(db);
}
