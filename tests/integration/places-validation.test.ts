import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { serverT } from "../../app/lib/i18n.server";
import { ActivitySchema, AssistedAccountSchema } from "../../app/features/mediation/schemas";
import { RelaySpaceSchema } from "../../app/features/places/schemas";
import { createSpace } from "../../app/features/places/service.server";
import { RELAY_SPACE_LISTS, valuesOf } from "../../app/features/places/vocabulary";
import { WorkshopSchema } from "../../app/features/workshops/schemas";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

/** Posts `fields` the way a browser form does, through the same parser as the routes. */
function post(schema: z.ZodType, fields: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
  const submission = parseWithZod(form, { schema });
  return submission as typeof submission & { error?: Record<string, string[] | null> };
}

const validSpace = { name: "Espace numérique", address: "1 rue de la Paix", commune: "Rieux", postalCode: "60870" };
const validActivity = { activityType: "individuel", activityDate: "2026-11-20", durationMinutes: "30", placeType: "a_distance", themes: "email" };
const validAccount = {
  firstName: "Josette",
  ageBand: "soixante_dix_plus",
  audience: "seniors",
  givenBy: "personne",
  explained: ["donnees_collectees", "finalites", "acces_mediateurs", "duree_conservation", "droits"],
};
const validWorkshop = { title: "Premiers pas", themes: "email", level: "debutant", place: "a_distance", date: "2027-01-12", startTime: "14:00", endTime: "16:00", seats: "8" };

/** Every enum field of every form, with a value that is not in its (national) list. */
const CASES: { form: string; schema: z.ZodType; valid: Record<string, string | string[]>; field: string }[] = [
  ...(
    [
      ["services", "services"],
      ["audiences", "audiences"],
      ["specificSupport", "specific_support"],
      ["fees", "fees"],
      ["nationalProgrammes", "national_programmes"],
      ["trainingsLabels", "trainings_labels"],
      ["accessModalities", "access_modalities"],
      ["accompanimentModalities", "accompaniment_modalities"],
      ["itinerance", "itinerance"],
      ["equipment", "equipment"],
      ["accessibility", "accessibility"],
    ] as const
  ).map(([field]) => ({ form: "relay space", schema: RelaySpaceSchema, valid: validSpace, field })),
  ...["activityType", "placeType", "equipment", "themes", "autonomy", "redirection", "gender", "ageBand", "socialStatus"].map((field) => ({
    form: "activity log",
    schema: ActivitySchema,
    valid: validActivity,
    field,
  })),
  ...["ageBand", "audience", "givenBy", "explained"].map((field) => ({ form: "assisted account", schema: AssistedAccountSchema, valid: validAccount, field })),
  ...["themes", "level"].map((field) => ({ form: "workshop", schema: WorkshopSchema, valid: validWorkshop, field })),
];

describe("enumerations (acceptance 5)", () => {
  it("the valid forms used below are accepted", () => {
    for (const [schema, valid] of [
      [RelaySpaceSchema, validSpace],
      [ActivitySchema, validActivity],
      [AssistedAccountSchema, validAccount],
      [WorkshopSchema, validWorkshop],
    ] as const) {
      const result = post(schema, valid);
      expect(result.status, JSON.stringify(result.error)).toBe("success");
    }
  });

  it.each(CASES)("$form: $field rejects a value outside the list, with a translated message", ({ schema, valid, field }) => {
    // A list field keeps its good values and gets one more that is not in the list.
    const current = valid[field];
    const result = post(schema, { ...valid, [field]: Array.isArray(current) ? [...current, "valeur_inventee"] : "valeur_inventee" });
    expect(result.status).toBe("error");
    const messages = result.error?.[field] ?? [];
    expect(messages, JSON.stringify(result.error)).toHaveLength(1);
    const key = messages[0]!;
    expect(key).toMatch(/^(places|mediation|workshops):errors\.value_not_in_list$/);
    expect(serverT("fr")(key)).toBe("Cette valeur ne fait pas partie de la liste nationale.");
    expect(serverT("en")(key)).toBe("This value is not in the national list.");
    // One bad value among good ones is still refused.
    if (field === "themes" || field === "services") {
      const mixed = post(schema, { ...valid, [field]: field === "themes" ? ["email", "piratage"] : [valuesOf(RELAY_SPACE_LISTS.services)[0], "Autre"] });
      expect(mixed.status).toBe("error");
    }
  });

  it("the database refuses values outside the lists even without the forms", async () => {
    const db = await testDb();
    const insertSpace = (values: Record<string, unknown>) =>
      db
        .insertInto("relay_space")
        .values({ slug: `bad-${Math.random().toString(36).slice(2)}`, name: "x", commune: "x", postal_code: "60000", address: "x", ...values })
        .execute();
    for (const column of Object.keys(RELAY_SPACE_LISTS)) {
      await expect(insertSpace({ [column]: ["pas dans la liste"] }), column).rejects.toMatchObject({ code: "23514" });
      // Every value of the app's list is accepted by the database's list.
      await insertSpace({ [column]: valuesOf(RELAY_SPACE_LISTS[column as keyof typeof RELAY_SPACE_LISTS]) });
    }
    await expect(insertSpace({ postal_code: "6087" })).rejects.toMatchObject({ code: "23514" });
    const user = await createUser(db);
    await expect(db.updateTable("app_user").set({ age_band: "centenaire" }).where("id", "=", user.id).execute()).rejects.toMatchObject({ code: "23514" });
    const base = { activity_type: "individuel", activity_date: "2026-11-20", duration_minutes: 30, place_type: "a_distance", themes: ["email"] };
    for (const bad of [{ activity_type: "groupe" }, { place_type: "ailleurs" }, { themes: ["jardinage"] }, { themes: [] }, { equipment: ["fax"] }, { autonomy: "un_peu" }, { redirection: "mairie" }]) {
      await expect(db.insertInto("mediation_activity").values({ ...base, ...bad }).execute(), JSON.stringify(bad)).rejects.toMatchObject({ code: "23514" });
    }
    const w = { title: "x", starts_at: new Date(), ends_at: new Date(Date.now() + 1000), seats: 1, is_remote: true };
    await expect(db.insertInto("workshop").values({ ...w, themes: ["email"], level: "expert" }).execute()).rejects.toMatchObject({ code: "23514" });
    await expect(db.insertInto("workshop").values({ ...w, themes: ["cuisine"], level: "debutant" }).execute()).rejects.toMatchObject({ code: "23514" });
  });
});

describe("opening hours", () => {
  it("rejects hours that do not parse, with a hint showing the expected format", () => {
    for (const bad of ["n'importe quoi", "Tu 10:00-", "Mo-Fr 25:00-26:00"]) {
      const result = post(RelaySpaceSchema, { ...validSpace, openingHours: bad });
      expect(result.error?.openingHours).toEqual(["places:errors.opening_hours_invalid"]);
    }
    expect(serverT("fr")("places:errors.opening_hours_invalid")).toContain("Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00");
    expect(serverT("en")("places:errors.opening_hours_invalid")).toContain("Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00");
  });

  it("stores valid hours in the canonical OSM spelling", async () => {
    const db = await testDb();
    const coordinator = await createUser(db, { role: "coordinator" });
    const result = post(RelaySpaceSchema, { ...validSpace, openingHours: "lundi 9h-12h", phone: "03 44 72 05 10", services: "Aide aux démarches administratives" });
    expect(result.status).toBe("success");
    const space = await createSpace(db, coordinator, (result as { value: z.infer<typeof RelaySpaceSchema> }).value);
    expect(space).toMatchObject({ opening_hours: "Mo 09:00-12:00", phone: "+33344720510", services: ["Aide aux démarches administratives"], slug: "espace-numerique" });
    const again = await createSpace(db, coordinator, (result as { value: z.infer<typeof RelaySpaceSchema> }).value);
    expect(again.slug).toBe("espace-numerique-2");
  });
});
