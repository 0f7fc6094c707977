import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { activityFormData, getActivityForEdit, recordAccompaniment } from "../../app/features/mediation/activity.server";
import { createAssistedAccount, learnerChoices, listHelpedLearners } from "../../app/features/mediation/learners.server";
import { personLabel } from "../../app/features/mediation/person-label";
import { ActivitySchema } from "../../app/features/mediation/schemas";
import { getCheckInList } from "../../app/features/workshops/checkin.server";
import { serverT } from "../../app/lib/i18n.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

/** Issue 14: two people with the same first and family name can be told apart in every list a mediator chooses from. */

let db: Db;
let mediator: User;
let other: User;
let first: User;
let second: User;

const consent = () => ({
  lastName: "Martin",
  communeInsee: null,
  audience: "seniors" as const,
  givenBy: "personne" as const,
  representativeName: null,
  explained: ["donnees_collectees", "finalites", "acces_mediateurs", "duree_conservation", "droits"] as ("donnees_collectees" | "finalites" | "acces_mediateurs" | "duree_conservation" | "droits")[],
  consentNotes: null,
}) satisfies Partial<Parameters<typeof createAssistedAccount>[2]>;

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator", firstName: "Amina" });
  other = await createUser(db, { role: "mediator", firstName: "Bruno" });
  first = await createAssistedAccount(db, mediator, { ...consent(), firstName: "Jeanne", ageBand: "soixante_dix_plus", commune: "Rieux" });
  second = await createAssistedAccount(db, mediator, { ...consent(), firstName: "Jeanne", ageBand: "quarante_cinquante_neuf", commune: "Cinqueux" });
  await db.updateTable("app_user").set({ created_at: new Date("2026-03-02T10:00:00Z") }).where("id", "=", first.id).execute();
  // Someone else's learner of the same name stays out of Amina's lists.
  await createAssistedAccount(db, other, { ...consent(), firstName: "Jeanne", ageBand: "soixante_soixante_neuf", commune: "Monchy" });
});

describe("homonyms in a mediator's lists", () => {
  it("the people list and its search show the commune, age band and creation date of each", async () => {
    const { learners } = await listHelpedLearners(db, mediator, { search: "martin", page: 1 });
    expect(learners.map((l) => l.id).sort()).toEqual([first.id, second.id].sort());
    const [a, b] = learners;
    expect([a?.commune, a?.age_band, a?.created_at.toISOString()]).not.toEqual([b?.commune, b?.age_band, b?.created_at.toISOString()]);
  });

  it("the person pickers label each homonym differently, with nothing the mediator's own page does not show", async () => {
    const fr = serverT("fr");
    const { people } = await learnerChoices(db, mediator, "Jeanne");
    const labels = people.map((p) => personLabel(p, fr, "fr"));
    expect(labels).toHaveLength(2);
    expect(new Set(labels).size).toBe(2);
    expect(labels).toContain("Jeanne Martin — Rieux · 70 ans et plus · compte du 2 mars 2026");
    expect(labels.find((l) => l.includes("Cinqueux"))).toMatch(/^Jeanne Martin — Cinqueux · 40 à 59 ans · compte du /);
    for (const label of labels) expect(label).not.toMatch(/@|Monchy/);
    expect(personLabel(people[0]!, serverT("en"), "en")).toMatch(/ · account of \d/);

    // The activity log form and the check-in's walk-in picker offer the same choices.
    expect((await activityFormData(db, mediator, { personSearch: "Martin" })).learners).toEqual(people);
    const space = await db
      .insertInto("relay_space")
      .values({ slug: `homonyms-${Date.now()}`, name: "Médiathèque", commune: "Rieux", postal_code: "60870", address: "1 place" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const starts = new Date(Date.now() + 2 * 3_600_000);
    const w = await db
      .insertInto("workshop")
      .values({ title: "Homonymes", themes: ["email"], level: "debutant", relay_space_id: space.id, starts_at: starts, ends_at: new Date(starts.getTime() + 3_600_000), seats: 5, created_by: mediator.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db.insertInto("workshop_mediator").values({ workshop_id: w.id, user_id: mediator.id }).execute();
    const checkIn = await getCheckInList(db, mediator, w.id, "Martin");
    expect(checkIn.candidates.map((c) => personLabel(c, fr, "fr")).sort()).toEqual([...labels].sort());
  });

  it("an entry linked to a homonym outside the current search keeps its details when edited", async () => {
    const input = ActivitySchema.parse({ activityType: "individuel", activityDate: "2026-11-20", durationMinutes: 30, placeType: "a_distance", themes: ["email"], learnerId: first.id });
    const entry = await recordAccompaniment(db, mediator, input);
    const form = await getActivityForEdit(db, mediator, entry.id, "Amina-nobody");
    expect(form.learners).toEqual([{ id: first.id, name: "Jeanne Martin", commune: "Rieux", ageBand: "soixante_dix_plus", createdAt: new Date("2026-03-02T10:00:00Z") }]);
  });
});
