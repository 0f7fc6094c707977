import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { activityFormData, getActivityForEdit, recordAccompaniment } from "../../app/features/mediation/activity.server";
import { CHOICE_LIMIT, learnerChoices } from "../../app/features/mediation/learners.server";
import { ActivitySchema } from "../../app/features/mediation/schemas";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

let db: Db;
let coordinator: User;

beforeAll(async () => {
  db = await testDb();
  coordinator = await createUser(db, { role: "coordinator" });
  // More learners than a choice list shows, all named before "Zélie" in the alphabet.
  await sql`insert into app_user (first_name, last_name, role) select 'Anne', 'Personne ' || g, 'learner' from generate_series(1, ${CHOICE_LIMIT + 20}) g`.execute(db);
  await db.insertInto("app_user").values({ first_name: "Zélie", last_name: "Vasseur", role: "learner" }).execute();
});

describe("choosing a person among many", () => {
  it("says the list was cut instead of silently leaving people out", async () => {
    const all = await learnerChoices(db, coordinator);
    expect(all.people).toHaveLength(CHOICE_LIMIT);
    expect(all.more).toBe(true);
    expect(all.people.map((p) => p.name)).not.toContain("Zélie Vasseur");
  });

  it("finds a person past the cut by a part of the name, in any case", async () => {
    const found = await learnerChoices(db, coordinator, "  vASSeur ");
    expect(found).toEqual({ people: [expect.objectContaining({ name: "Zélie Vasseur" })], more: false });
    // Wildcards are searched for as text.
    expect((await learnerChoices(db, coordinator, "%")).people).toEqual([]);
  });

  it("keeps the person an entry is linked to selectable when editing it", async () => {
    const zelie = (await learnerChoices(db, coordinator, "Vasseur")).people[0]!;
    const input = ActivitySchema.parse({ activityType: "individuel", activityDate: "2026-11-20", durationMinutes: 30, placeType: "a_distance", themes: ["email"], learnerId: zelie.id });
    const entry = await recordAccompaniment(db, coordinator, input);
    expect((await activityFormData(db, coordinator)).learners.map((l) => l.id)).not.toContain(zelie.id);
    const form = await getActivityForEdit(db, coordinator, entry.id);
    expect(form.learners[0]).toMatchObject({ id: zelie.id, name: "Zélie Vasseur" });
    expect(form.moreLearners).toBe(true);
  });
});
