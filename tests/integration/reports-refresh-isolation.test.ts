import { createHash, randomUUID } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { computeDashboard } from "../../app/features/reports/compute.server";
import type { FigureValue } from "../../app/features/reports/dashboard-types";
import { STALE_AFTER_MS, staleSources } from "../../app/features/reports/freshness.server";
import type { FigureId } from "../../app/features/reports/indicators";
import { defaultPeriod } from "../../app/features/reports/period";
import { refreshStats } from "../../app/features/reports/refresh.server";
import { showDashboard } from "../../app/features/reports/service.server";
import { issueCredential } from "../../app/features/xapi/credentials.server";
import { handleStatements } from "../../app/features/xapi/http.server";
import type { Db } from "../../app/lib/db.server";
import { serverT } from "../../app/lib/i18n.server";
import type { User } from "../../db/schema/accounts";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

/**
 * Issue 16: one xAPI statement whose actor is not one of our accounts used
 * to stall the statistics refresh for good (a uuid cast evaluated on every
 * actor key), silently. Statements go in through the LRS, as a tool would
 * send them, with every kind of actor identifier xAPI 1.0.3 allows.
 */
const t = serverT("fr");
let db: Db;
let learner: User;
let coordinator: User;
let auth: string;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

async function post(actor: Record<string, unknown>) {
  const body = {
    actor,
    verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "fr-FR": "a terminé" } },
    object: { objectType: "Activity", id: `https://passerelle.test/h5p/${randomUUID()}` },
    result: { duration: "PT6M" },
    timestamp: new Date().toISOString(),
  };
  const response = await handleStatements(
    new Request("http://lrs.test/xapi/statements", {
      method: "POST",
      headers: { Authorization: auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
    { db, t },
  );
  expect(response.status, await response.clone().text()).toBe(200);
}

async function figure(id: FigureId, filters = {}): Promise<FigureValue> {
  const data = await computeDashboard(db, { period: defaultPeriod(), filters, t, locale: "fr", charts: false });
  for (const axis of data.axes) for (const s of axis.sections) for (const f of s.figures) if (f.id === id) return f;
  throw new Error(`no figure ${id}`);
}

beforeAll(async () => {
  db = await testDb();
  learner = await createUser(db, { email: "josette.martin@example.org", firstName: "Josette" });
  await db.updateTable("app_user").set({ commune: "Rieux", audience: "seniors" }).where("id", "=", learner.id).execute();
  coordinator = await createUser(db, { role: "coordinator" });
  const issued = await issueCredential(db, coordinator, { label: "outil de test", scopes: ["statements/write"] });
  auth = `Basic ${Buffer.from(`${issued.api_key}:${issued.secret}`).toString("base64")}`;
});

describe("the statistics refresh with every kind of xAPI actor", () => {
  it("stores a statement per identifier kind, refreshes every source, and counts each actor once", async () => {
    await post({ objectType: "Agent", account: { homePage: "https://passerelle.test", name: learner.id } });
    await post({ objectType: "Agent", mbox: "mailto:josette.martin@example.org" }); // the same person by address
    await post({ objectType: "Agent", mbox_sha1sum: sha1("mailto:quelquun@example.org") });
    await post({ objectType: "Agent", openid: "https://openid.example.org/marcel" });
    await post({ objectType: "Agent", account: { homePage: "https://autre-lms.example", name: "eleve-42" } });
    await post({ objectType: "Group", name: "Équipe", mbox: "mailto:equipe@example.org" });
    await post({ objectType: "Group", member: [{ mbox_sha1sum: sha1("mailto:a@example.org") }, { openid: "https://openid.example.org/b" }] });
    const keys = await sql<{ actor_key: string }>`select actor_key from xapi_statement order by actor_key`.execute(db);
    expect(keys.rows.some((r) => r.actor_key.startsWith("mbox_sha1sum:"))).toBe(true);

    const results = await refreshStats(db, { full: true });
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results.map((r) => r.source)).toContain("xapi");

    expect((await figure("xapi.statements")).value).toBe(7);
    expect((await figure("xapi.hours")).value).toBe(0.7); // 7 × 6 min
    // Josette (by account and by address) + five other actors, each under a pseudonym.
    expect((await figure("learning.active")).value).toBe(6);
    expect((await figure("learning.active", { commune: "Rieux", audience: "seniors" })).value).toBe(1);
    expect(await staleSources(db)).toEqual([]);
  });

  it("keeps the other sources refreshed when one fails, and says so on the dashboard with a reference", async () => {
    await post({ objectType: "Agent", mbox_sha1sum: sha1("mailto:nouveau@example.org") });
    // A real failure in one source: its table loses a column it reads; it never succeeded before.
    await sql`delete from stats_source_state where source = 'badges'`.execute(db);
    await sql`alter table badge rename column issued_at to issued_at_moved`.execute(db);
    try {
      const results = await refreshStats(db);
      const failed = results.filter((r) => r.error);
      expect(failed.map((r) => r.source)).toEqual(["badges"]);
      expect(failed[0]!.errorRef).toMatch(/^[0-9a-f]{8}$/);
      expect((await figure("xapi.statements")).value).toBe(8); // the xAPI source went on

      const state = await db.selectFrom("stats_source_state").selectAll().where("source", "=", "badges").executeTakeFirstOrThrow();
      expect(state.last_error).toContain("issued_at");
      expect(state.error_ref).toBe(failed[0]!.errorRef);
      expect(state.refreshed_at).toBeNull();

      const { warnings, dashboard } = await showDashboard(db, coordinator, new URLSearchParams(), { t, locale: "fr" });
      expect(warnings).toEqual([{ source: "badges", refreshedAt: null, failedAt: expect.any(String), errorRef: failed[0]!.errorRef }]);
      expect(dashboard.updatedAt).not.toBeNull(); // the others' refresh time, not a fake one for badges
    } finally {
      await sql`alter table badge rename column issued_at_moved to issued_at`.execute(db);
    }

    // Fixed: the next run succeeds and the warning goes.
    const again = await refreshStats(db);
    expect(again.filter((r) => r.error)).toEqual([]);
    expect(await staleSources(db)).toEqual([]);
  });

  it("warns about a source whose last refresh is older than an hour, even without an error", async () => {
    const later = new Date(Date.now() + STALE_AFTER_MS + 60_000);
    const warnings = await staleSources(db, later);
    expect(warnings.map((w) => w.source)).toContain("xapi");
    expect(warnings.every((w) => w.errorRef === null && w.failedAt === null && w.refreshedAt !== null)).toBe(true);
  });
});
