import { describe, expect, it } from "vitest";
import { drainOutbox, queueMail, retryDelaySeconds, type MailTransport } from "../../app/lib/mail.server";
import { testDb } from "../helpers/db";
import { uniqueEmail } from "../helpers/fixtures";

function recordingTransport(failFor = new Set<string>()): MailTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async send(m) {
      await new Promise((r) => setTimeout(r, 5));
      if (failFor.has(m.to)) throw new Error("SMTP 451 try again later");
      sent.push(m.to);
    },
  };
}

describe("outbox", () => {
  it("sends each message once when several workers drain at the same time", async () => {
    const db = await testDb();
    const addresses = Array.from({ length: 60 }, () => uniqueEmail("bulk"));
    for (const to of addresses) await queueMail(db, { to, subject: "s", text: "t" });
    const transport = recordingTransport();
    // Four "processes" draining concurrently, several rounds each.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 5; i++) await drainOutbox(db, transport, 7);
      }),
    );
    const mine = transport.sent.filter((to) => addresses.includes(to));
    expect(mine.sort()).toEqual([...addresses].sort());
    expect(new Set(mine).size).toBe(mine.length);
  });

  it("keeps a failed message and retries it later with backoff", async () => {
    const db = await testDb();
    const to = uniqueEmail("flaky");
    await queueMail(db, { to, subject: "s", text: "t" });
    const result = await drainOutbox(db, recordingTransport(new Set([to])));
    expect(result.failed).toBeGreaterThanOrEqual(1);
    const row = await db.selectFrom("outbox_message").selectAll().where("to_address", "=", to).executeTakeFirstOrThrow();
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain("451");
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: a second drain leaves it alone.
    const transport = recordingTransport();
    await drainOutbox(db, transport);
    expect(transport.sent).not.toContain(to);
    // Once due, it goes.
    await db.updateTable("outbox_message").set({ next_attempt_at: new Date(Date.now() - 1000) }).where("id", "=", row.id).execute();
    await drainOutbox(db, transport);
    expect(transport.sent).toContain(to);
    const sent = await db.selectFrom("outbox_message").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(sent.status).toBe("sent");
  });

  it("queues a message once per dedupe key (a retried request does not mail twice)", async () => {
    const db = await testDb();
    const to = uniqueEmail("dedupe");
    await queueMail(db, { to, subject: "s", text: "t", dedupeKey: `reminder:${to}` });
    await queueMail(db, { to, subject: "s", text: "t", dedupeKey: `reminder:${to}` });
    const rows = await db.selectFrom("outbox_message").select("id").where("to_address", "=", to).execute();
    expect(rows).toHaveLength(1);
  });

  it("rolls the mail back with the transaction that queued it", async () => {
    const db = await testDb();
    const to = uniqueEmail("rollback");
    await expect(
      db.transaction().execute(async (trx) => {
        await queueMail(trx, { to, subject: "s", text: "t" });
        throw new Error("business rule failed");
      }),
    ).rejects.toThrow("business rule failed");
    expect(await db.selectFrom("outbox_message").select("id").where("to_address", "=", to).executeTakeFirst()).toBeUndefined();
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(20)).toBe(3600);
  });
});
