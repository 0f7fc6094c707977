import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { migrateToLatest, openDatabase } from "../../app/lib/db.server";

/**
 * Global setup: creates one migrated template database for this run. Each
 * test worker then clones it (CREATE DATABASE … TEMPLATE), which takes a few
 * milliseconds instead of re-running the migrations.
 * The admin URL defaults to the machine's local server (trust auth).
 */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    runId: string;
    baseUrl: string;
    mailDir: string;
    appDatabaseUrl: string;
  }
}

export async function createTemplate() {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const template = `passerelle_tpl_${runId}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${template}"`);
  const opened = await openDatabase({ url: databaseUrl(template), poolSize: 1 });
  await migrateToLatest(opened.db);
  await opened.close();
  return {
    runId,
    template,
    async dropAll() {
      // Drop every database this run made (workers' clones included).
      const rows = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`passerelle_%${runId}%`}`;
      for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      await admin.end();
    },
  };
}

export default async function setup(project: TestProject) {
  const { runId, template, dropAll } = await createTemplate();
  project.provide("templateDatabase", template);
  project.provide("runId", runId);
  return dropAll;
}
