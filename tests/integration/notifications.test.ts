import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/lib/db.server";
import { sendNotificationDigests } from "../../app/features/notifications/digest.server";
import {
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notify,
  setEmailMode,
  unreadNotificationCount,
} from "../../app/features/notifications/service.server";
import { bookSeat } from "../../app/features/workshops/booking.server";
import { queueClassReminders, registerSelf } from "../../app/features/classrooms/scheduling.server";
import { testDb } from "../helpers/db";
import { createUser, statusOf } from "../helpers/fixtures";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});

const mailsTo = (address: string | null) =>
  db.selectFrom("outbox_message").select(["subject", "text_body", "dedupe_key"]).where("to_address", "=", address!).orderBy("id").execute();

const badge = (userId: string, n: number) =>
  notify(db, { userId, kind: "badge_earned", messageKey: "notifications:kinds.badge_earned", values: { name: `Badge ${n}` }, target: { route: "badge", params: { id: `00000000-0000-4000-8000-00000000000${n}` } } });

describe("notify and the e-mail choice", () => {
  it("mails at once by default, in the person's list with a route and its parameters", async () => {
    const user = await createUser(db);
    expect(await badge(user.id, 1)).toBe(true);
    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).toContain("Badge 1");
    expect(mails[0]!.text_body).toContain("/badges/00000000-0000-4000-8000-000000000001");
    const { items, unread } = await listMyNotifications(db, user);
    expect(unread).toBe(1);
    expect(items[0]).toMatchObject({ route: "badge", route_params: { id: "00000000-0000-4000-8000-000000000001" }, read_at: null });
  });

  it("mails nothing to someone who chose 'never', and nothing to an account without an address", async () => {
    const never = await createUser(db);
    await setEmailMode(db, never, "never");
    await badge(never.id, 2);
    expect(await mailsTo(never.email)).toHaveLength(0);
    expect((await listMyNotifications(db, never)).unread).toBe(1);

    const noAddress = await createUser(db, { email: null });
    await badge(noAddress.id, 3);
    expect(await db.selectFrom("outbox_message").select("id").where("user_id", "=", noAddress.id).execute()).toHaveLength(0);
    expect(await unreadNotificationCount(db, noAddress)).toBe(1);
  });

  it("notifies once per dedupe key", async () => {
    const user = await createUser(db);
    const once = () => notify(db, { userId: user.id, kind: "class_starting", messageKey: "notifications:kinds.class_starting", values: { title: "T", when: "demain" }, target: { route: "classroom", params: { id: "c" } }, dedupeKey: `k-${user.id}` });
    expect(await once()).toBe(true);
    expect(await once()).toBe(false);
    expect((await listMyNotifications(db, user)).items).toHaveLength(1);
    expect(await mailsTo(user.email)).toHaveLength(1);
  });

  it("puts 'digest' notifications in one mail a day from 18:00 Paris time; the job run twice sends once", async () => {
    const user = await createUser(db, { firstName: "Dora" });
    await setEmailMode(db, user, "digest");
    await badge(user.id, 4);
    await badge(user.id, 5);
    expect(await mailsTo(user.email)).toHaveLength(0);
    // Made "now"; the digest of tomorrow 19:00 Paris takes them.
    const tomorrowEvening = new Date(Date.now() + 86_400_000);
    tomorrowEvening.setUTCHours(18, 0, 0, 0); // 19:00 in winter, 20:00 in summer, Paris
    const morning = new Date(tomorrowEvening);
    morning.setUTCHours(7, 0, 0, 0);
    expect(await sendNotificationDigests(db, morning)).toBe(0);
    expect(await sendNotificationDigests(db, tomorrowEvening)).toBeGreaterThanOrEqual(1);
    expect(await sendNotificationDigests(db, tomorrowEvening)).toBe(0);
    expect(await sendNotificationDigests(db, new Date(tomorrowEvening.getTime() + 3_600_000))).toBe(0);
    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("2 notifications");
    expect(mails[0]!.text_body).toContain("Badge 4");
    expect(mails[0]!.text_body).toContain("Badge 5");
  });

  it("does not mail a digest to someone who switched to 'never' before it went", async () => {
    const user = await createUser(db);
    await setEmailMode(db, user, "digest");
    await badge(user.id, 6);
    await setEmailMode(db, user, "never");
    const evening = new Date(Date.now() + 86_400_000);
    evening.setUTCHours(18, 30, 0, 0);
    await sendNotificationDigests(db, evening);
    expect(await mailsTo(user.email)).toHaveLength(0);
  });

  it("marks read one's own notifications only; another's is a 404", async () => {
    const alice = await createUser(db);
    const bruno = await createUser(db);
    await badge(alice.id, 7);
    await badge(alice.id, 8);
    const [first] = (await listMyNotifications(db, alice)).items;
    expect(await statusOf(markNotificationRead(db, bruno, first!.id))).toBe(404);
    await markNotificationRead(db, alice, first!.id);
    expect(await unreadNotificationCount(db, alice)).toBe(1);
    await markAllNotificationsRead(db, alice);
    expect(await unreadNotificationCount(db, alice)).toBe(0);
  });

  it("a workshop booking is in the list, linked to the workshop, and mailed once (the workshop's own mail, with its .ics)", async () => {
    const mediator = await createUser(db, { role: "mediator" });
    const learner = await createUser(db);
    const workshop = await db
      .insertInto("workshop")
      .values({ title: "Mes premiers e-mails", themes: ["email"], level: "debutant", is_remote: true, starts_at: new Date(Date.now() + 3 * 86_400_000), ends_at: new Date(Date.now() + 3 * 86_400_000 + 3_600_000), seats: 5, created_by: mediator.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await bookSeat(db, learner, workshop.id);
    const { items } = await listMyNotifications(db, learner);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "workshop_booked", route: "workshop", route_params: { id: workshop.id }, message_values: { title: "Mes premiers e-mails" } });
    expect(await mailsTo(learner.email)).toHaveLength(1);
  });

  it("the domains that mail their own events (a booking, a class, its reminder) mail nobody who chose 'never'; the list still has them", async () => {
    const mediator = await createUser(db, { role: "mediator" });
    const quiet = await createUser(db);
    await setEmailMode(db, quiet, "never");
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const workshop = await db
      .insertInto("workshop")
      .values({ title: "Sans e-mail", themes: ["email"], level: "debutant", is_remote: true, starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3_600_000), seats: 5, created_by: mediator.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await bookSeat(db, quiet, workshop.id);
    const soon = new Date(Date.now() + 3_600_000);
    const classroom = await db
      .insertInto("classroom")
      .values({ title: "Classe sans e-mail", starts_at: soon, ends_at: new Date(soon.getTime() + 3_600_000), capacity: 10, host_id: mediator.id, room_name: `salle-${crypto.randomUUID()}` })
      .returningAll()
      .executeTakeFirstOrThrow();
    await registerSelf(db, quiet, classroom.id);
    await queueClassReminders(db);
    expect(await mailsTo(quiet.email)).toEqual([]);
    const { items } = await listMyNotifications(db, quiet);
    expect(items.map((n) => n.kind).sort()).toEqual(["class_starting", "workshop_booked"]);
  });
});
