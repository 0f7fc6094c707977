import { RouterContextProvider } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { acceptInvitation, cancelInvitation, inviteStaff, listPendingInvitations, readInvitation, resendInvitation } from "../../app/features/accounts/staff.server";
import { dbContext, sessionContext } from "../../app/lib/context";
import { loader as invitationLoader } from "../../app/routes/invitation";
import { testDb } from "../helpers/db";
import { createUser, statusOf, TEST_PASSWORD, uniqueEmail } from "../helpers/fixtures";

/** Issue 14: a coordinator cancels a pending invitation or sends it again with a new link. */

const meta = { ip: "198.51.100.10", userAgent: "vitest" };
let db: Db;
let coordinator: User;

beforeAll(async () => {
  db = await testDb();
  coordinator = await createUser(db, { role: "coordinator" });
});

/** The tokens of every invitation mail queued to `email`, oldest first. */
async function tokensSentTo(email: string) {
  const mails = await db.selectFrom("outbox_message").select("text_body").where("to_address", "=", email).orderBy("created_at").execute();
  return mails.map((m) => /invitation\?jeton=([a-z0-9]+)/.exec(m.text_body)?.[1] ?? "");
}

async function invite(email: string, locale: "fr" | "en" = "fr") {
  const sent = await inviteStaff(db, coordinator, { email, firstName: "Inès", role: "teacher", locale });
  const [token] = await tokensSentTo(email);
  if (!token) throw new Error("no invitation mail");
  return { id: sent.id, token };
}

/** What the invitation page answers for a link: its status and the message it shows. */
async function openLink(token: string) {
  const context = new RouterContextProvider();
  context.set(dbContext, db);
  context.set(sessionContext, null);
  const result = (await invitationLoader({ request: new Request(`http://localhost/invitation?jeton=${token}`), context, params: {} } as never)) as
    | { invitation: unknown; gone: unknown }
    | { data: { invitation: unknown; gone: unknown }; init: { status: number } };
  return "init" in result ? { status: result.init.status, ...result.data } : { status: 200, ...result };
}

describe("cancelling an invitation", () => {
  it("kills the link (the page answers 410 and says it was cancelled) and cancelling twice is harmless", async () => {
    const email = uniqueEmail("cancel");
    const { id, token } = await invite(email);
    expect(await openLink(token)).toMatchObject({ status: 200, gone: null });

    expect(await cancelInvitation(db, coordinator, id)).toEqual({ email, alreadyCancelled: false });
    expect(await readInvitation(db, token)).toEqual({ ok: false, gone: "cancelled" });
    expect(await openLink(token)).toEqual({ status: 410, invitation: null, gone: "cancelled" });
    expect((await listPendingInvitations(db, coordinator)).map((i) => i.id)).not.toContain(id);

    // The form posted anyway (a page left open): nothing is created, with a 410 that says why.
    const accepted = await acceptInvitation(db, { token, firstName: "Inès", password: TEST_PASSWORD }, meta).catch((e) => e);
    expect(accepted.init.status).toBe(410);
    expect(accepted.data.messageKey).toBe("admin:errors.invitation_cancelled");
    expect(await db.selectFrom("app_user").select("id").where("email", "=", email).execute()).toHaveLength(0);

    // Twice, or by two coordinators at once: one cancels, the others are told it already was.
    const again = await Promise.all([cancelInvitation(db, coordinator, id), cancelInvitation(db, coordinator, id)]);
    expect(again).toEqual([{ email, alreadyCancelled: true }, { email, alreadyCancelled: true }]);
    const row = await db.selectFrom("staff_invitation").select(["cancelled_by", "used_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ cancelled_by: coordinator.id, used_at: null });
  });

  it("refuses a used invitation, someone else's role, and an unknown or malformed id", async () => {
    const email = uniqueEmail("used");
    const { id, token } = await invite(email);
    await acceptInvitation(db, { token, firstName: "Inès", password: TEST_PASSWORD }, meta);
    expect(await statusOf(cancelInvitation(db, coordinator, id))).toBe(409);
    expect(await statusOf(resendInvitation(db, coordinator, id))).toBe(409);
    const mediator = await createUser(db, { role: "mediator" });
    expect(await statusOf(cancelInvitation(db, mediator, id))).toBe(403);
    expect(await statusOf(resendInvitation(db, mediator, id))).toBe(403);
    expect(await statusOf(cancelInvitation(db, coordinator, "00000000-0000-4000-8000-000000000000"))).toBe(404);
    expect(await statusOf(cancelInvitation(db, coordinator, "pas-un-id"))).toBe(404);
    expect(await openLink("inconnu0123456789")).toMatchObject({ status: 404, gone: "unknown" });
  });
});

describe("sending an invitation again", () => {
  it("mails a new link in the same language; the old one answers 410 and only the new one creates the account", async () => {
    const email = uniqueEmail("resend");
    const { id, token: oldToken } = await invite(email, "en");
    const fresh = await resendInvitation(db, coordinator, id);
    expect(fresh.id).not.toBe(id);
    const tokens = await tokensSentTo(email);
    expect(tokens).toHaveLength(2);
    const newToken = tokens[1]!;
    expect(newToken).not.toBe(oldToken);
    const mails = await db.selectFrom("outbox_message").select("subject").where("to_address", "=", email).execute();
    expect(new Set(mails.map((m) => m.subject)).size).toBe(1);
    expect(mails[0]?.subject).toMatch(/invitation/i);

    expect(await openLink(oldToken)).toEqual({ status: 410, invitation: null, gone: "replaced" });
    expect(await readInvitation(db, newToken)).toMatchObject({ ok: true, email, role: "teacher" });
    expect((await listPendingInvitations(db, coordinator)).filter((i) => i.email === email).map((i) => i.id)).toEqual([fresh.id]);

    const viaOld = await acceptInvitation(db, { token: oldToken, firstName: "Inès", password: TEST_PASSWORD }, meta).catch((e) => e);
    expect(viaOld.init.status).toBe(410);
    expect(viaOld.data.messageKey).toBe("admin:errors.invitation_replaced");
    const { user } = await acceptInvitation(db, { token: newToken, firstName: "Inès", password: TEST_PASSWORD }, meta);
    expect(user).toMatchObject({ email, role: "teacher" });

    // The replaced invitation cannot be sent again (a double click): one link, one account.
    expect(await statusOf(resendInvitation(db, coordinator, id))).toBe(409);
  });

  it("two re-sends at once leave exactly one working link", async () => {
    const email = uniqueEmail("race");
    const { id } = await invite(email);
    const outcomes = await Promise.all([resendInvitation(db, coordinator, id), resendInvitation(db, coordinator, id)].map((p) => statusOf(p)));
    expect(outcomes.sort()).toEqual([409, "ok"].sort());
    const working = (await Promise.all((await tokensSentTo(email)).map((t) => readInvitation(db, t)))).filter((r) => r.ok);
    expect(working).toHaveLength(1);
  });
});
