import { parseWithZod } from "@conform-to/zod/v4";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { bookSeat } from "../../app/features/workshops/booking.server";
import { WorkshopSchema, type WorkshopInput } from "../../app/features/workshops/schemas";
import { FieldError } from "../../app/lib/errors";
import { cancelWorkshop, getWorkshopPage, listPublicWorkshops, scheduleWorkshop, updateWorkshop } from "../../app/features/workshops/service.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";

let db: Db;
let mediator: User;
let other: User;
let coordinator: User;
let spaceId: string;

/** The form as posted by the browser (Paris wall-clock date and times). */
function form(fields: Record<string, string | string[]>): WorkshopInput {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) data.append(k, x);
  const submission = parseWithZod(data, { schema: WorkshopSchema });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return submission.value;
}

const inDays = (n: number) => DateTime.now().setZone("Europe/Paris").plus({ days: n }).toISODate()!;
const base = () => ({ title: "Premiers pas sur la tablette", themes: ["prendre_en_main_du_materiel"], level: "debutant", place: spaceId, date: inDays(5), startTime: "14:00", endTime: "16:00", seats: "2" });

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator", firstName: "Amina" });
  other = await createUser(db, { role: "mediator", firstName: "Bruno" });
  coordinator = await createUser(db, { role: "coordinator" });
  spaceId = (
    await db
      .insertInto("relay_space")
      .values({ slug: `m-${Date.now()}`, name: "Médiathèque", commune: "Pont-Sainte-Maxence", postal_code: "60700", address: "2 rue Louis Boilet" })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});

describe("scheduling workshops", () => {
  it("stores Paris wall-clock times as instants, with the scheduling mediator and co-mediators leading it", async () => {
    const w = await scheduleWorkshop(db, mediator, form({ ...base(), date: "2027-07-01", coMediators: [other.id] }));
    expect(w.starts_at.toISOString()).toBe("2027-07-01T12:00:00.000Z"); // 14:00 in Paris, summer time
    const leads = await db.selectFrom("workshop_mediator").select("user_id").where("workshop_id", "=", w.id).execute();
    expect(leads.map((l) => l.user_id).sort()).toEqual([mediator.id, other.id].sort());
    const page = await getWorkshopPage(db, other, w.id);
    expect(page.canManage).toBe(true);
    expect(page.mediators.sort()).toEqual(["Amina", "Bruno"]);
  });

  it("asks before putting or moving a workshop where its place is closed (Mo-Th 09:00-12:00,13:30-17:30)", async () => {
    const hours = await db
      .insertInto("relay_space")
      .values({ slug: `h-${Date.now()}`, name: "Mairie", commune: "Rieux", postal_code: "60870", address: "1 place", opening_hours: "Mo-Th 09:00-12:00,13:30-17:30" })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Next Monday and Sunday in Paris, a week ahead at least.
    const monday = DateTime.now().setZone("Europe/Paris").plus({ weeks: 1 }).startOf("week");
    const at = (day: DateTime, start: string, end: string) => ({ ...base(), place: hours.id, date: day.toISODate()!, startTime: start, endTime: end });
    const evening = await scheduleWorkshop(db, mediator, form(at(monday, "20:00", "21:00"))).catch((e) => e);
    expect(evening).toBeInstanceOf(FieldError);
    expect(evening).toMatchObject({ field: "startTime", messageKey: "workshops:errors.outside_hours" });
    const sunday = await scheduleWorkshop(db, mediator, form(at(monday.plus({ days: 6 }), "14:00", "16:00"))).catch((e) => e);
    expect(sunday).toMatchObject({ messageKey: "workshops:errors.outside_hours" });
    // Inside the hours: no question. Confirmed: scheduled anyway.
    const inside = await scheduleWorkshop(db, mediator, form(at(monday, "14:00", "16:00")));
    const confirmed = await scheduleWorkshop(db, mediator, form({ ...at(monday, "20:00", "21:00"), outsideHours: "1" }));
    expect(confirmed.starts_at.getTime()).toBeGreaterThan(inside.starts_at.getTime());
    // Moving the first one to the evening asks again; editing the confirmed one without moving it does not.
    const moved = await updateWorkshop(db, mediator, inside.id, form(at(monday, "18:00", "19:00"))).catch((e) => e);
    expect(moved).toMatchObject({ messageKey: "workshops:errors.outside_hours" });
    await expect(updateWorkshop(db, mediator, confirmed.id, form({ ...at(monday, "20:00", "21:00"), title: "Renamed" }))).resolves.toMatchObject({ title: "Renamed" });
  });

  it("refuses a date in the past, an end before the start, and learners", async () => {
    await expect(scheduleWorkshop(db, mediator, form({ ...base(), date: inDays(-1) }))).rejects.toBeInstanceOf(FieldError);
    const bad = parseWithZod(
      (() => {
        const d = new FormData();
        for (const [k, v] of Object.entries({ ...base(), startTime: "16:00", endTime: "15:00" })) for (const x of [v].flat()) d.append(k, x);
        return d;
      })(),
      { schema: WorkshopSchema },
    );
    expect(bad.status).toBe("error");
    expect((bad as { error?: Record<string, string[]> }).error?.endTime).toEqual(["workshops:errors.end_before_start"]);
    const learner = await createUser(db);
    const refused = await scheduleWorkshop(db, learner, form(base())).catch((e) => e);
    expect(refused.init.status).toBe(403);
  });

  it("more seats move the waitlist up; fewer seats than bookings are refused; only its mediators and coordinators edit it", async () => {
    const w = await scheduleWorkshop(db, mediator, form(base()));
    const people = await Promise.all([1, 2, 3, 4].map((i) => createUser(db, { firstName: `P${i}` })));
    for (const p of people) await bookSeat(db, p, w.id);
    await expect(updateWorkshop(db, mediator, w.id, form({ ...base(), seats: "1" }))).rejects.toMatchObject({ field: "seats", messageKey: "workshops:errors.seats_below_confirmed" });
    await updateWorkshop(db, mediator, w.id, form({ ...base(), seats: "3" }));
    const rows = await db.selectFrom("booking").select(["user_id", "status"]).where("workshop_id", "=", w.id).orderBy("created_at").execute();
    expect(rows.map((r) => r.status)).toEqual(["confirmed", "confirmed", "confirmed", "waitlisted"]);
    expect(rows[2]!.user_id).toBe(people[2]!.id); // the first person waiting
    const refused = await updateWorkshop(db, other, w.id, form(base())).catch((e) => e);
    expect(refused.init.status).toBe(403);
    const updated = await updateWorkshop(db, coordinator, w.id, form({ ...base(), seats: "3", title: "Nouveau titre" }));
    expect(updated.sequence).toBe(2);
  });

  it("cancelling tells everyone booked who has an address, and takes it off the listing", async () => {
    const w = await scheduleWorkshop(db, mediator, form({ ...base(), title: "Sera annulé" }));
    const withMail = await createUser(db, { firstName: "Mail" });
    const noMail = await createUser(db, { email: null, firstName: "Carte", createdBy: mediator.id });
    await bookSeat(db, withMail, w.id);
    await bookSeat(db, noMail, w.id);
    await cancelWorkshop(db, mediator, w.id);
    const mails = await db.selectFrom("outbox_message").selectAll().where("dedupe_key", "like", `workshop-cancelled:${w.id}:%`).execute();
    expect(mails.map((m) => m.to_address)).toEqual([withMail.email]);
    expect(mails[0]!.subject).toBe("Atelier annulé : Sera annulé");
    const listing = await listPublicWorkshops(db, {}, 1);
    expect(listing.workshops.map((x) => x.id)).not.toContain(w.id);
    const error = await bookSeat(db, await createUser(db), w.id).catch((e) => e);
    expect(error.data.messageKey).toBe("workshops:errors.workshop_cancelled");
  });

  it("lists upcoming workshops by place, remote and theme", async () => {
    const remote = await scheduleWorkshop(db, mediator, form({ ...base(), place: "a_distance", themes: ["intelligence_artificielle"], title: "IA à distance" }));
    const byTheme = await listPublicWorkshops(db, { theme: "intelligence_artificielle" }, 1);
    expect(byTheme.workshops.map((w) => w.id)).toEqual([remote.id]);
    const byRemote = await listPublicWorkshops(db, { place: "a_distance" }, 1);
    expect(byRemote.workshops.every((w) => w.is_remote)).toBe(true);
    const bySpace = await listPublicWorkshops(db, { place: spaceId }, 1);
    expect(bySpace.workshops.length).toBeGreaterThan(0);
    expect(bySpace.workshops.every((w) => w.space_name === "Médiathèque")).toBe(true);
    const later = await listPublicWorkshops(db, { from: inDays(30) }, 1);
    expect(later.workshops.map((w) => w.id)).not.toContain(remote.id);
  });
});
