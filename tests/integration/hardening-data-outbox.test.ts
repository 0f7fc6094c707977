import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "../../app/modules.server";
import { deleteOwnAccount, deleteUserAsCoordinator, exportPersonalData, requestPasswordReset } from "../../app/features/accounts/service.server";
import { createClass } from "../../app/features/projects/classes.server";
import { emailConsentForm } from "../../app/features/projects/consent.server";
import type { Db } from "../../app/lib/db.server";
import { resetEnvForTests } from "../../app/lib/env.server";
import { registeredJobs, runJobOnce } from "../../app/lib/jobs.server";
import { drainOutbox, pruneOutbox, queueMail } from "../../app/lib/mail.server";
import { testDb } from "../helpers/db";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../helpers/fixtures";
import { pupilJoins, UNDER_15 } from "./projects-fixtures";

// Mail is personal data: erasing an account takes its queued and sent mail
// with it, and sent mail does not stay forever.

const mailDir = mkdtempSync(path.join(tmpdir(), "passerelle-outbox-"));
process.env.DATA_DIR = mailDir;
delete process.env.SMTP_URL;
resetEnvForTests();

let db: Db;
const DAY = 86_400_000;
const unique = () => Math.random().toString(36).slice(2, 8);

/** Every outbox row flattened to text: what an operator (or an attacker with a dump) could read. */
async function outboxText() {
  const rows = await db.selectFrom("outbox_message").selectAll().execute();
  return rows.map((r) => [r.to_address, r.subject, r.text_body, r.html_body ?? "", r.dedupe_key ?? ""].join("\n"));
}

beforeAll(async () => {
  db = await testDb();
});

afterAll(() => {
  delete process.env.DATA_DIR;
  resetEnvForTests();
});

describe("erasing an account erases its mail", () => {
  it("deletes pending and sent mail to the person, by account and by address, and keeps other people's mail", async () => {
    const firstName = `Philomène${unique()}`;
    const email = uniqueEmail("erase");
    const user = await createUser(db, { email, firstName });
    const other = uniqueEmail("stays");

    // A real reset request: the body carries the first name and a live reset link.
    await requestPasswordReset(db, email);
    const reset = await db.selectFrom("outbox_message").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    const token = /jeton=([A-Za-z0-9_-]+)/.exec(reset.text_body)![1]!;
    expect(reset.text_body).toContain(firstName);
    // Sent, so that both states are covered; then a pending one and one queued before mail named its account.
    await drainOutbox(db, { send: async () => {} });
    expect((await db.selectFrom("outbox_message").select("status").where("id", "=", reset.id).executeTakeFirstOrThrow()).status).toBe("sent");
    await queueMail(db, { to: email, subject: `Rappel pour ${firstName}`, text: "Atelier demain.", userId: user.id, dedupeKey: `reminder:${user.id}` });
    await db.insertInto("outbox_message").values({ to_address: email.toUpperCase(), subject: "Ancien message", text_body: `Bonjour ${firstName}`, status: "sent" }).execute();
    await queueMail(db, { to: other, subject: "Pour quelqu'un d'autre", text: "Bonjour" });

    const before = (await outboxText()).join("\n");
    expect(before).toContain(email);
    expect(before).toContain(token);

    await deleteOwnAccount(db, user, TEST_PASSWORD);

    const after = (await outboxText()).join("\n").toLowerCase();
    expect(after).not.toContain(email.toLowerCase());
    expect(after).not.toContain(firstName.toLowerCase());
    expect(after).not.toContain(token.toLowerCase());
    expect(after).not.toContain(user.id);
    expect(after).toContain(other.toLowerCase());
  });

  it("deletes the consent mail sent to a parent when the pupil's account is erased", async () => {
    const teacher = await createUser(db, { role: "teacher", firstName: "Thomas" });
    const coordinator = await createUser(db, { role: "coordinator" });
    const schoolClass = await createClass(db, teacher, { name: "5e A", school: "Collège", level: "cinquieme", schoolYear: "2026-2027" });
    const pupilName = `Léa${unique()}`;
    const pupil = await pupilJoins(db, schoolClass, { firstName: pupilName, birthDate: UNDER_15 });
    const parent = uniqueEmail("parent");
    await emailConsentForm(db, teacher, schoolClass.id, { seatId: pupil.seatId, parentEmail: parent }, "fr");
    const mail = await db.selectFrom("outbox_message").selectAll().where("to_address", "=", parent).executeTakeFirstOrThrow();
    expect(mail.subject).toContain(pupilName);
    expect(mail.user_id).toBe(pupil.user.id);

    const exported = (await exportPersonalData(db, pupil.user)) as { mail: { subject: string; to_address: string }[] };
    expect(exported.mail).toEqual([expect.objectContaining({ to_address: parent, subject: mail.subject })]);
    expect(JSON.stringify(exported.mail)).not.toContain(mail.text_body.slice(0, 40)); // subjects, not bodies

    await deleteUserAsCoordinator(db, coordinator, pupil.user.id);
    const after = (await outboxText()).join("\n");
    expect(after).not.toContain(parent);
    expect(after).not.toContain(pupilName);
  });
});

describe("pruning the outbox", () => {
  it("removes sent mail after 30 days and dead mail after 90, never pending mail, and old .eml files", async () => {
    const now = new Date();
    const tag = unique();
    const rows = [
      { name: "sent-31", status: "sent", days: 31, kept: false },
      { name: "sent-29", status: "sent", days: 29, kept: true },
      { name: "dead-60", status: "dead", days: 60, kept: true },
      { name: "dead-91", status: "dead", days: 91, kept: false },
      { name: "pending-200", status: "pending", days: 200, kept: true },
    ] as const;
    for (const r of rows) {
      await db
        .insertInto("outbox_message")
        .values({ to_address: `${r.name}-${tag}@test.passerelle.fr`, subject: r.name, text_body: "x", status: r.status, created_at: new Date(now.getTime() - r.days * DAY) })
        .execute();
    }
    const folder = path.join(mailDir, "mail");
    await mkdir(folder, { recursive: true });
    for (const [name, days] of [["old.eml", 31], ["recent.eml", 1], ["notes.txt", 99]] as const) {
      const file = path.join(folder, name);
      writeFileSync(file, "Subject: x\n\nBonjour");
      const at = new Date(now.getTime() - days * DAY);
      utimesSync(file, at, at);
    }

    // Through the registered periodic job, as the scheduler runs it.
    const job = registeredJobs().find((j) => j.name === "prune-outbox")!;
    expect(job).toBeDefined();
    expect(await runJobOnce(db, job, { now })).toBe(true);

    const left = await db.selectFrom("outbox_message").select("subject").where("to_address", "like", `%-${tag}@test.passerelle.fr`).execute();
    expect(left.map((r) => r.subject).sort()).toEqual(rows.filter((r) => r.kept).map((r) => r.name).sort());
    expect(readdirSync(folder).sort()).toEqual(["notes.txt", "recent.eml"]);
    expect(await pruneOutbox(db, now)).toEqual({ messages: 0, files: 0 }); // idempotent
  });
});
