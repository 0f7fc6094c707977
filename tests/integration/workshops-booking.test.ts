import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { bookSeat, cancelBooking } from "../../app/features/workshops/booking.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

let db: Db;
let mediator: User;
let people: User[];
let spaceId: string;

async function newWorkshop(seats: number, title = "Atelier test") {
  return db
    .insertInto("workshop")
    .values({
      title,
      themes: ["email"],
      level: "debutant",
      relay_space_id: spaceId,
      starts_at: new Date(Date.now() + 2 * 86_400_000),
      ends_at: new Date(Date.now() + 2 * 86_400_000 + 7_200_000),
      seats,
      created_by: mediator.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

const statusCounts = async (workshopId: string) => {
  const rows = await db
    .selectFrom("booking")
    .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("workshop_id", "=", workshopId)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
};

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator" });
  const space = await db
    .insertInto("relay_space")
    .values({ slug: `lieu-${Date.now()}`, name: "Lieu test", commune: "Rieux", postal_code: "60870", address: "1 place" })
    .returning("id")
    .executeTakeFirstOrThrow();
  spaceId = space.id;
  // 200 distinct learners, half of them with an address (to check promotion mail).
  people = await db
    .insertInto("app_user")
    .values(
      Array.from({ length: 200 }, (_, i) => ({
        first_name: `Personne ${i}`,
        email: i % 2 === 0 ? `p${i}-${Date.now()}@test.passerelle.fr` : null,
      })),
    )
    .returningAll()
    .execute();
});

describe("booking a 10-seat workshop under load (acceptance 1)", () => {
  it(
    "200 simultaneous requests, 20 times: exactly 10 confirmed, 190 waitlisted, nobody twice",
    async () => {
      for (let run = 0; run < 20; run++) {
        const workshop = await newWorkshop(10, `Charge ${run}`);
        const results = await Promise.all(people.map((p) => bookSeat(db, p, workshop.id)));
        expect(results.filter((r) => r.booking.status === "confirmed")).toHaveLength(10);
        expect(results.filter((r) => r.booking.status === "waitlisted")).toHaveLength(190);
        expect(results.every((r) => r.created)).toBe(true);
        expect(await statusCounts(workshop.id)).toEqual({ confirmed: 10, waitlisted: 190 });
        const perPerson = await db
          .selectFrom("booking")
          .select(["user_id", (eb) => eb.fn.countAll<string>().as("n")])
          .where("workshop_id", "=", workshop.id)
          .groupBy("user_id")
          .having((eb) => eb.fn.countAll(), ">", 1)
          .execute();
        expect(perPerson).toEqual([]);
      }
    },
    180_000,
  );

  it("cancelling one confirmed seat promotes exactly the first waitlisted person and tells them", async () => {
    const workshop = await newWorkshop(10, "Annulation");
    await Promise.all(people.map((p) => bookSeat(db, p, workshop.id)));
    const queue = await db
      .selectFrom("booking")
      .selectAll()
      .where("workshop_id", "=", workshop.id)
      .where("status", "=", "waitlisted")
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    // Pick a confirmed person, and make sure the first waiting one has an address.
    const confirmed = await db.selectFrom("booking").selectAll().where("workshop_id", "=", workshop.id).where("status", "=", "confirmed").execute();
    const first = queue[0]!;
    const firstUser = people.find((p) => p.id === first.user_id)!;
    if (!firstUser.email) {
      await db.updateTable("app_user").set({ email: `premier-${Date.now()}@test.passerelle.fr` }).where("id", "=", firstUser.id).execute();
    }
    const leaving = people.find((p) => p.id === confirmed[0]!.user_id)!;
    const result = await cancelBooking(db, leaving, confirmed[0]!.id);
    expect(result.cancelled).toBe(true);
    expect(result.promoted.map((b) => b.id)).toEqual([first.id]);
    expect(await statusCounts(workshop.id)).toEqual({ confirmed: 10, waitlisted: 189, cancelled: 1 });
    const promoted = await db.selectFrom("booking").selectAll().where("id", "=", first.id).executeTakeFirstOrThrow();
    expect(promoted.status).toBe("confirmed");
    expect(promoted.promoted_at).not.toBeNull();
    // Everyone else keeps their place in the queue.
    const stillWaiting = await db.selectFrom("booking").select("id").where("workshop_id", "=", workshop.id).where("status", "=", "waitlisted").execute();
    expect(new Set(stillWaiting.map((b) => b.id))).toEqual(new Set(queue.slice(1).map((b) => b.id)));
    const mail = await db.selectFrom("outbox_message").selectAll().where("dedupe_key", "=", `workshop-promoted:${first.id}`).executeTakeFirst();
    expect(mail?.subject).toContain("Annulation");

    // Cancelling twice changes nothing more.
    const again = await cancelBooking(db, leaving, confirmed[0]!.id);
    expect(again).toEqual({ cancelled: false, promoted: [] });
    expect(await statusCounts(workshop.id)).toEqual({ confirmed: 10, waitlisted: 189, cancelled: 1 });
  });

  it("cancelling a waitlist place promotes nobody", async () => {
    const workshop = await newWorkshop(1, "Petit atelier");
    const [a, b, c] = await Promise.all(people.slice(0, 3).map((p) => bookSeat(db, p, workshop.id)));
    const waiting = [a, b, c].filter((r) => r!.booking.status === "waitlisted");
    const person = people.find((p) => p.id === waiting[0]!.booking.user_id)!;
    const result = await cancelBooking(db, person, waiting[0]!.booking.id);
    expect(result.promoted).toEqual([]);
    expect(await statusCounts(workshop.id)).toEqual({ confirmed: 1, waitlisted: 1, cancelled: 1 });
  });

  it("a double-clicked booking stores one booking", async () => {
    const workshop = await newWorkshop(10, "Double clic");
    const person = people[7]!;
    const [first, second] = await Promise.all([bookSeat(db, person, workshop.id), bookSeat(db, person, workshop.id)]);
    expect(first.booking.id).toBe(second.booking.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const third = await bookSeat(db, person, workshop.id);
    expect(third).toMatchObject({ created: false, booking: { id: first.booking.id } });
    expect(await statusCounts(workshop.id)).toEqual({ confirmed: 1 });
  });

  it("the database itself refuses a second live booking for the same person", async () => {
    const workshop = await newWorkshop(5, "Contrainte");
    const person = people[3]!;
    await bookSeat(db, person, workshop.id);
    await expect(
      db.insertInto("booking").values({ workshop_id: workshop.id, user_id: person.id, status: "waitlisted" }).execute(),
    ).rejects.toMatchObject({ code: "23505" });
  });

  it("after cancelling, the person can book again (at the back of the queue if full)", async () => {
    const workshop = await newWorkshop(1, "Rebook");
    const [x, y] = [people[10]!, people[11]!];
    const first = await bookSeat(db, x, workshop.id);
    await bookSeat(db, y, workshop.id);
    await cancelBooking(db, x, first.booking.id);
    const again = await bookSeat(db, x, workshop.id);
    expect(again.created).toBe(true);
    expect(again.booking.status).toBe("waitlisted");
    expect(await statusCounts(workshop.id)).toEqual({ confirmed: 1, waitlisted: 1, cancelled: 1 });
  });

  it("refuses bookings for a cancelled or started workshop with a translated error", async () => {
    const cancelled = await newWorkshop(5, "Annulé");
    await db.updateTable("workshop").set({ cancelled_at: new Date() }).where("id", "=", cancelled.id).execute();
    await expect(bookSeat(db, people[0]!, cancelled.id)).rejects.toMatchObject({
      init: { status: 409 },
      data: { messageKey: "workshops:errors.workshop_cancelled" },
    });
    const started = await newWorkshop(5, "Commencé");
    await db.updateTable("workshop").set({ starts_at: new Date(Date.now() - 60_000) }).where("id", "=", started.id).execute();
    await expect(bookSeat(db, people[0]!, started.id)).rejects.toMatchObject({ data: { messageKey: "workshops:errors.booking_closed" } });
  });
});
