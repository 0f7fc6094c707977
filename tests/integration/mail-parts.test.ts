import nodemailer from "nodemailer";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import { requestPasswordReset } from "../../app/features/accounts/service.server";
import { registerLearner, registerSelf } from "../../app/features/classrooms/service.server";
import { bookSeat } from "../../app/features/workshops/booking.server";
import { notifyWorkshopCancelled } from "../../app/features/workshops/mails.server";
import type { Db } from "../../app/lib/db.server";
import { drainOutbox, nodemailerMessage, type MailTransport } from "../../app/lib/mail.server";
import { publicUrl } from "../../app/lib/public-url.server";
import { testDb } from "../helpers/db";
import { createUser, uniqueEmail } from "../helpers/fixtures";
import { checkIcal } from "../helpers/ical-check";
import { parseMail, type ParsedMail } from "../helpers/mime-check";

/**
 * Every mail leaves with a text part and an HTML part made by one layout, its
 * links on the site's public address; a booked seat is confirmed with the
 * workshop's .ics attached, a virtual-class registration with the class's. The mails are built by nodemailer exactly as the
 * worker sends them, then read back by Python's email package and the .ics by
 * python-icalendar and libical (tests/helpers).
 */

let db: Db;
let mediator: User;
let spaceId: string;

/** A transport that keeps the raw MIME nodemailer would hand to the SMTP server. */
function rawTransport(): MailTransport & { raw: Map<string, Buffer[]> } {
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const raw = new Map<string, Buffer[]>();
  return {
    raw,
    async send(m) {
      const info = await stream.sendMail(nodemailerMessage(m));
      raw.set(m.to, [...(raw.get(m.to) ?? []), info.message as Buffer]);
    },
  };
}

async function newWorkshop(title: string) {
  return db
    .insertInto("workshop")
    .values({
      title,
      themes: ["email"],
      level: "debutant",
      relay_space_id: spaceId,
      starts_at: new Date(Date.now() + 3 * 86_400_000),
      ends_at: new Date(Date.now() + 3 * 86_400_000 + 5_400_000),
      seats: 1,
      created_by: mediator.id,
      equipment_to_bring: "votre téléphone",
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function mailsTo(transport: ReturnType<typeof rawTransport>, to: string, expected = 1): Promise<ParsedMail[]> {
  // Other tests share the outbox: drain until this address's mail has gone.
  for (let i = 0; i < 20 && (transport.raw.get(to)?.length ?? 0) < expected; i++) await drainOutbox(db, transport, 200);
  return (transport.raw.get(to) ?? []).map((raw) => parseMail(raw));
}

const linksIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s<>"']+/g)].map((m) => m[0]);

function expectTwoPartsOnThePublicAddress(mail: ParsedMail) {
  expect(mail.defects).toEqual([]);
  const text = mail.parts.find((p) => p.contentType === "text/plain" && !p.attachment);
  const html = mail.parts.find((p) => p.contentType === "text/html" && !p.attachment);
  expect(text?.content.length).toBeGreaterThan(20);
  expect(html?.content).toMatch(/^<!DOCTYPE html>\n<html lang="(fr|en)">/);
  const links = [...linksIn(text!.content), ...linksIn(html!.content)];
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) expect(link.startsWith(`${publicUrl()}/`) || link === publicUrl(), link).toBe(true);
  // The HTML says what the text says: each of the text's links is a link there too.
  for (const link of linksIn(text!.content)) expect(html!.content).toContain(`href="${link.replace(/&/g, "&amp;")}"`);
  return { text: text!.content, html: html!.content };
}

beforeAll(async () => {
  db = await testDb();
  mediator = await createUser(db, { role: "mediator" });
  const space = await db
    .insertInto("relay_space")
    .values({ slug: `lieu-mail-${Date.now()}`, name: "Espace numérique de Rieux", commune: "Rieux", postal_code: "60870", address: "1 place de la Mairie" })
    .returning("id")
    .executeTakeFirstOrThrow();
  spaceId = space.id;
});

describe("mail people can act on", () => {
  it("confirms a booked seat in text and HTML, with the workshop's .ics a calendar checker accepts", async () => {
    const learner = await createUser(db, { role: "learner", email: uniqueEmail("resa") });
    const workshop = await newWorkshop("Envoyer une photo par e-mail");
    await bookSeat(db, learner, workshop.id);
    await bookSeat(db, learner, workshop.id); // a double click books and mails once

    const transport = rawTransport();
    const mails = await mailsTo(transport, learner.email!);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.topType).toBe("multipart/mixed");
    expect(mail.subject).toBe("Votre place est réservée : Envoyer une photo par e-mail");
    const { text, html } = expectTwoPartsOnThePublicAddress(mail);
    expect(text).toContain(`${publicUrl()}/ateliers/${workshop.id}`);
    expect(text).toContain("Espace numérique de Rieux, 1 place de la Mairie, 60870 Rieux");
    expect(html).toContain("votre téléphone");

    const ics = mail.parts.find((p) => p.attachment);
    expect(ics?.contentType).toBe("text/calendar");
    expect(ics?.filename).toBe(`atelier-${workshop.id.slice(0, 8)}.ics`);
    const check = checkIcal(ics!.content);
    expect(check.errors).toEqual([]);
    expect(check.events).toHaveLength(1);
    expect(check.events[0]!.uid).toBe(`workshop-${workshop.id}@passerelle`);
    expect(check.events[0]!.summary).toContain("Envoyer une photo par e-mail");
  });

  it("confirms a virtual-class registration the same way, with the class's .ics, once, for oneself or registered by a mediator", async () => {
    const learner = await createUser(db, { role: "learner", email: uniqueEmail("classe") });
    const helped = await createUser(db, { role: "learner", email: uniqueEmail("classe-aide"), createdBy: mediator.id });
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    const classroom = await db
      .insertInto("classroom")
      .values({ title: "Vos questions sur la sécurité", starts_at: startsAt, ends_at: new Date(startsAt.getTime() + 3_600_000), capacity: 10, host_id: mediator.id, room_name: `salle-${crypto.randomUUID()}` })
      .returningAll()
      .executeTakeFirstOrThrow();
    await registerSelf(db, learner, classroom.id);
    await registerSelf(db, learner, classroom.id); // a double click registers and mails once
    await registerLearner(db, mediator, classroom.id, { learnerId: helped.id });

    const transport = rawTransport();
    for (const person of [learner, helped]) {
      const mails = await mailsTo(transport, person.email!);
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.topType).toBe("multipart/mixed");
      expect(mail.subject).toBe("Vous êtes inscrit à la classe virtuelle « Vos questions sur la sécurité »");
      const { text, html } = expectTwoPartsOnThePublicAddress(mail);
      expect(text).toContain(`${publicUrl()}/classes/${classroom.id}/rejoindre`);
      expect(html).toContain(`href="${publicUrl()}/classes/${classroom.id}"`);
      const ics = mail.parts.find((p) => p.attachment);
      expect(ics?.contentType).toBe("text/calendar");
      expect(ics?.filename).toBe(`classe-${classroom.id}.ics`);
      const check = checkIcal(ics!.content);
      expect(check.errors).toEqual([]);
      expect(check.events).toHaveLength(1);
      expect(check.events[0]).toMatchObject({ uid: `classe-${classroom.id}@passerelle`, summary: "Vos questions sur la sécurité", status: "CONFIRMED" });
      expect(Date.parse(check.events[0]!.start)).toBe(startsAt.getTime() - (startsAt.getTime() % 1000));
    }
  });

  it("sends no confirmation for a place on the waiting list", async () => {
    const first = await createUser(db, { role: "learner", email: uniqueEmail("first") });
    const second = await createUser(db, { role: "learner", email: uniqueEmail("second") });
    const workshop = await newWorkshop("Atelier complet");
    await bookSeat(db, first, workshop.id);
    const { booking } = await bookSeat(db, second, workshop.id);
    expect(booking.status).toBe("waitlisted");
    const queued = await db.selectFrom("outbox_message").select("subject").where("to_address", "=", second.email!).execute();
    expect(queued).toEqual([]);
  });

  it("gives every other mail the same two parts: a password reset, a cancelled workshop", async () => {
    const person = await createUser(db, { role: "learner", email: uniqueEmail("parts") });
    await requestPasswordReset(db, person.email!);
    await notifyWorkshopCancelled(db, await newWorkshop("Atelier annulé"), person.id);
    const transport = rawTransport();
    const mails = await mailsTo(transport, person.email!, 2);
    expect(mails.map((m) => m.subject).sort()).toEqual(["Atelier annulé : Atelier annulé", "Passerelle : choisir un nouveau mot de passe"].sort());
    for (const mail of mails) {
      expect(mail.topType).toBe("multipart/alternative");
      expectTwoPartsOnThePublicAddress(mail);
    }
  });
});
