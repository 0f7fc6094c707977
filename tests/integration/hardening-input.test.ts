import { describe, expect, it } from "vitest";
import { recordAccompaniment, updateAccompaniment } from "../../app/features/mediation/activity.server";
import { ActivitySchema } from "../../app/features/mediation/schemas";
import { guardRequestBodies } from "../../app/lib/actions.server";
import { FieldError } from "../../app/lib/errors";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

/** Issue 22, finding 7: unknown references and unreadable bodies are the sender's mistake, a 4xx. */
describe("bad input is a 4xx", () => {
  it("an activity-log entry naming a relay space that does not exist is refused beside the field, and nothing is written", async () => {
    const db = await testDb();
    const mediator = await createUser(db, { role: "mediator" });
    const input = ActivitySchema.parse({
      activityType: "individuel",
      activityDate: "2026-11-20",
      durationMinutes: 30,
      placeType: "lieu_activite",
      relaySpaceId: "00000000-0000-4000-8000-000000000000",
      themes: ["email"],
    });
    const error = await recordAccompaniment(db, mediator, input).catch((e) => e);
    expect(error).toBeInstanceOf(FieldError);
    expect(error).toMatchObject({ field: "relaySpaceId", messageKey: "mediation:errors.relay_space_invalid", status: 400 });
    expect(await db.selectFrom("mediation_activity").select("id").where("mediator_id", "=", mediator.id).execute()).toEqual([]);

    const entry = await recordAccompaniment(db, mediator, { ...input, placeType: "a_distance", relaySpaceId: undefined });
    await expect(updateAccompaniment(db, mediator, entry.id, input)).rejects.toMatchObject({ field: "relaySpaceId" });
    expect((await db.selectFrom("mediation_activity").select("place_type").where("id", "=", entry.id).executeTakeFirstOrThrow()).place_type).toBe("a_distance");
  });

  it("a route's own request.formData() and request.json() answer 415/400 with a translated key, never a TypeError", async () => {
    guardRequestBodies();
    const post = (type: string, body: string) => new Request("http://localhost/x", { method: "POST", headers: { "Content-Type": type }, body });
    const failure = (p: Promise<unknown>) => p.then(() => null, (e) => ({ status: e.init?.status, key: e.data?.messageKey }));
    expect(await failure(post("application/json", "{}").formData())).toEqual({ status: 415, key: "errors:unsupported_body" });
    expect(await failure(post("multipart/form-data; boundary=X", "--X\r\nbroken").formData())).toEqual({ status: 400, key: "errors:unreadable_body" });
    expect(await failure(post("application/x-www-form-urlencoded", "title=a%00b").formData())).toEqual({ status: 400, key: "errors:invalid_characters" });
    expect(await failure(post("application/json", '{"a":').json())).toEqual({ status: 400, key: "errors:unreadable_body" });
    expect((await post("application/x-www-form-urlencoded", "title=Caf%C3%A9%0Aok").formData()).get("title")).toBe("Café\nok");
  });
});
