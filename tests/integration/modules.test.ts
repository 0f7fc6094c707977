import { describe, expect, it } from "vitest";
import { APP_MODULES } from "../../app/modules.server";
import { exportPersonalData, deleteUserAsCoordinator } from "../../app/features/accounts/service.server";
import { registeredJobs, runJobOnce } from "../../app/lib/jobs.server";
import { calendarSources, installModules, installedModules, navigationFor } from "../../app/lib/modules.server";
import toy, { toyErased, toyRuns } from "../fixtures/toy-domain/module.server";
import { createUser } from "../helpers/fixtures";
import { testDb } from "../helpers/db";

describe("the module registry", () => {
  it("wires a new domain from its folder and one registry line: jobs, personal data, calendar, navigation", async () => {
    const db = await testDb();
    // The one line a new domain adds to app/modules.server.ts.
    installModules([...APP_MODULES, toy]);
    expect(installedModules().map((m) => m.name)).toContain("toy");

    const job = registeredJobs().find((j) => j.name === "toy-tidy-up");
    expect(job).toBeDefined();
    await runJobOnce(db, job!);
    expect(toyRuns).toHaveLength(1);

    const learner = await createUser(db, { role: "learner" });
    const exported = await exportPersonalData(db, learner);
    expect(exported.toy).toEqual({ marbles: 3, owner: learner.id });

    const events = (await Promise.all(calendarSources().map((source) => source(db, learner.id, { from: new Date(0), locale: "fr" })))).flat();
    expect(events.map((e) => e.uid)).toContain(`toy-${learner.id}@passerelle`);

    expect((await navigationFor(db, learner)).map((n) => n.to)).toContain("/jouets");
    expect((await navigationFor(db, null)).map((n) => n.to)).not.toContain("/jouets");

    const coordinator = await createUser(db, { role: "coordinator" });
    await deleteUserAsCoordinator(db, coordinator, learner.id);
    expect(toyErased).toEqual([learner.id]);
  });

  it("lists every domain folder that has a manifest", async () => {
    const { readdirSync, existsSync } = await import("node:fs");
    const withManifest = readdirSync("app/features").filter((d) => existsSync(`app/features/${d}/module.server.ts`));
    expect(APP_MODULES.map((m) => m.name).sort()).toEqual(withManifest.sort());
  });

  it("orders the navigation: what everyone comes for, then one's own things, then staff tools", async () => {
    const db = await testDb();
    const sections = (await navigationFor(db, { id: "00000000-0000-4000-8000-000000000000", role: "coordinator" })).map((n) => n.section);
    expect(sections).toEqual([...sections].sort((a, b) => ["discover", "mine", "staff"].indexOf(a) - ["discover", "mine", "staff"].indexOf(b)));
    expect((await navigationFor(db, null)).map((n) => n.to)).toEqual(["/", "/cours", "/parcours", "/ateliers", "/classes", "/emplois", "/lieux", "/diagnostic-entreprise"]);
  });
});
