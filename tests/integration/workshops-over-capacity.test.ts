import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { listActivityLog } from "../../app/features/mediation/activity.server";
import { bookSeat, cancelBooking } from "../../app/features/workshops/booking.server";
import { addWalkIn, getCheckInList, setPresence } from "../../app/features/workshops/checkin.server";
import { updateWorkshop } from "../../app/features/workshops/service.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

/** Decision 039: nobody in the room is refused; online booking still never overbooks. */

let db: Db;
let mediator: User;
let spaceId: string;

async function workshop(seats: number, title = "Atelier complet") {
  const starts = new Date(Date.now() + 2 * 3_600_000);
  const w = await db
    .insertInto("workshop")
    .values({
      title,
      themes: ["email"],
      level: "debutant",
      relay_space_id: spaceId,
      starts_at: starts,
      ends_at: new Date(starts.getTime() + 90 * 60_000),
      seats,
      created_by: mediator.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db.insertInto("workshop_mediator").values({ workshop_id: w.id, user_id: mediator.id }).execute();
  return w;
}

const bookings = (workshopId: string) =>
  db.selectFrom("booking").select(["user_id", "status", "over_capacity"]).where("workshop_id", "=", workshopId).where("status", "!=", "cancelled").execute();

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator", firstName: "Amina" });
  const space = await db
    .insertInto("relay_space")
    .values({ slug: `cap-${Date.now()}`, name: "Médiathèque", commune: "Rieux", postal_code: "60870", address: "1 place" })
    .returning("id")
    .executeTakeFirstOrThrow();
  spaceId = space.id;
});

describe("checking in beyond the capacity", () => {
  it("a 2-seat workshop with 3 bookings: all three and a walk-in are present, 4/2, in the record and the log", async () => {
    const w = await workshop(2);
    const [a, b, c] = [await createUser(db, { firstName: "Anne" }), await createUser(db, { firstName: "Bruno" }), await createUser(db, { firstName: "Chloé" })];
    const walkIn = await createUser(db, { email: null, firstName: "Denise", createdBy: mediator.id });
    for (const p of [a, b, c]) await bookSeat(db, p, w.id);
    expect((await bookings(w.id)).map((r) => r.status).sort()).toEqual(["confirmed", "confirmed", "waitlisted"]);

    await setPresence(db, mediator, w.id, a.id, true);
    await setPresence(db, mediator, w.id, b.id, true);
    // Full: the waitlisted person is not ticked until the mediator confirms, and nothing is written.
    const asked = await setPresence(db, mediator, w.id, c.id, true).catch((e) => e);
    expect(asked.init.status).toBe(409);
    expect(asked.data).toMatchObject({ code: "over_capacity", messageKey: "workshops:check_in.over_capacity_question", values: { taken: 3, seats: 2 } });
    expect((await getCheckInList(db, mediator, w.id)).participants.find((p) => p.userId === c.id)).toMatchObject({ status: "waitlisted", present: false });
    await setPresence(db, mediator, w.id, c.id, true, { overCapacity: true });
    await addWalkIn(db, mediator, w.id, walkIn.id, { overCapacity: true });

    const list = await getCheckInList(db, mediator, w.id);
    expect(list.seatsTaken).toBe(4);
    expect(list.workshop.seats).toBe(2);
    expect(list.participants.filter((p) => p.present)).toHaveLength(4);
    expect(list.participants.filter((p) => p.overCapacity).map((p) => p.userId).sort()).toEqual([c.id, walkIn.id].sort());
    const attended = await db.selectFrom("attendance").select("user_id").where("workshop_id", "=", w.id).execute();
    expect(attended).toHaveLength(4);
    const log = await listActivityLog(db, mediator, {}, 1);
    const entry = log.entries.find((e) => e.workshop_id === w.id)!;
    expect(entry.people).toBe(4);
    expect(entry.beneficiaries.map((p) => p.userId).sort()).toEqual([a.id, b.id, c.id, walkIn.id].sort());
  });

  it("online booking and the waitlist are unchanged: a room over capacity takes no online booking and promotes nobody", async () => {
    const w = await workshop(1);
    const [first, second, late] = [await createUser(db), await createUser(db), await createUser(db)];
    await bookSeat(db, first, w.id);
    await bookSeat(db, second, w.id);
    await setPresence(db, mediator, w.id, second.id, true, { overCapacity: true });
    // 2/1: a new online booking waits.
    expect((await bookSeat(db, late, w.id)).booking.status).toBe("waitlisted");
    // One leaves: still 1/1, so the person waiting is not promoted.
    const firstBooking = (await db.selectFrom("booking").select("id").where("workshop_id", "=", w.id).where("user_id", "=", first.id).executeTakeFirstOrThrow()).id;
    const { promoted } = await cancelBooking(db, first, firstBooking);
    expect(promoted).toEqual([]);
    // The workshop can still be edited at its capacity: the extra seat does not hold it up.
    await expect(
      updateWorkshop(db, mediator, w.id, {
        title: w.title,
        description: null,
        themes: w.themes,
        level: w.level,
        relaySpaceId: spaceId,
        isRemote: false,
        startsAt: w.starts_at,
        endsAt: w.ends_at,
        seats: 1,
        equipmentToBring: null,
        coMediators: [],
      } as never),
    ).resolves.toBeTruthy();
  });

  it("unticking a seat beyond the capacity puts the person back on the waitlist", async () => {
    const w = await workshop(1);
    const [first, second] = [await createUser(db), await createUser(db)];
    await bookSeat(db, first, w.id);
    await bookSeat(db, second, w.id);
    await setPresence(db, mediator, w.id, second.id, true, { overCapacity: true });
    await setPresence(db, mediator, w.id, second.id, false);
    expect((await bookings(w.id)).find((r) => r.user_id === second.id)).toMatchObject({ status: "waitlisted", over_capacity: false });
  });

  it(
    "200 simultaneous online bookings while a mediator seats walk-ins beyond the capacity: never more than 10 online seats",
    async () => {
      const people = await db
        .insertInto("app_user")
        .values(Array.from({ length: 200 }, (_, i) => ({ first_name: `Charge ${i}`, email: null })))
        .returningAll()
        .execute();
      const walkIns = await db
        .insertInto("app_user")
        .values(Array.from({ length: 5 }, (_, i) => ({ first_name: `Sur place ${i}`, email: null, created_by: mediator.id })))
        .returningAll()
        .execute();
      for (let run = 0; run < 5; run++) {
        const w = await workshop(10, `Charge ${run}`);
        await Promise.all([
          ...people.map((p) => bookSeat(db, p, w.id)),
          ...walkIns.map((p) => addWalkIn(db, mediator, w.id, p.id, { overCapacity: true })),
        ]);
        const rows = await bookings(w.id);
        const online = rows.filter((r) => people.some((p) => p.id === r.user_id));
        const confirmedOnline = online.filter((r) => r.status === "confirmed");
        expect(confirmedOnline.every((r) => !r.over_capacity)).toBe(true);
        expect(confirmedOnline.length).toBeLessThanOrEqual(10);
        // Every seat within the capacity is used once; walk-ins are all in, beyond it only once the room was full.
        const walkInRows = rows.filter((r) => walkIns.some((p) => p.id === r.user_id));
        expect(walkInRows.every((r) => r.status === "confirmed")).toBe(true);
        expect(confirmedOnline.length + walkInRows.filter((r) => !r.over_capacity).length).toBe(10);
        expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(10 + walkInRows.filter((r) => r.over_capacity).length);
        expect(online).toHaveLength(200);
      }
    },
    180_000,
  );
});
