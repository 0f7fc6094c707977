import { parseWithZod } from "@conform-to/zod/v4";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/lib/db.server";
import { redirectSignedIn } from "../../app/features/accounts/responses.server";
import { setDiagnosticCookie } from "../../app/features/diagnostic/cookie.server";
import { QUESTIONS } from "../../app/features/diagnostic/questions";
import { DiagnosticSchema } from "../../app/features/diagnostic/schemas";
import {
  findLatestResultId,
  getDiagnosticResult,
  loadDiagnosticForm,
  pruneAnonymousDiagnostics,
  takeDiagnostic,
} from "../../app/features/diagnostic/service.server";
import { getPathPage } from "../../app/features/paths/service.server";
import { hashToken } from "../../app/lib/tokens.server";
import { ANONYMOUS_SUBMISSIONS_PER_ADDRESS } from "../../app/lib/throttle.server";
import { takeBusinessDiagnostic } from "../../app/features/business-diagnostic/service.server";
import { BUSINESS_QUESTIONS } from "../../app/features/business-diagnostic/questionnaire";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { seedPathsAndCourses } from "./paths-fixtures";

let db: Db;
beforeAll(async () => {
  db = await testDb();
  await seedPathsAndCourses(db);
});

/** Beginner answers: "not yet" and "I don't know" everywhere, with a goal. */
const beginner = (goal = "everyday") =>
  Object.fromEntries(QUESTIONS.map((q) => [q.id, q.kind === "goal" ? goal : q.kind === "self" ? "not_yet" : "dont_know"]));
/** Someone who already masters e-mail (2.1) but nothing else. */
const knowsEmail = () => ({ ...beginner(), email_address: "b", email_attachment: "alone" });

const status = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { init?: { status?: number } }).init?.status ?? 500;
  }
};

const cookieOf = async (token: string) => (await setDiagnosticCookie(token)).split(";")[0]!;

describe("taking the diagnostic anonymously", () => {
  it("stores the result with the hash of a cookie token, readable only with that token", async () => {
    const { resultId, token } = await takeDiagnostic(db, null, beginner());
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const row = await db.selectFrom("diagnostic_result").selectAll().where("id", "=", resultId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: null, token_hash: hashToken(token!), recommended_path_slug: "autonome-avec-le-numerique", run_by: null });

    const result = await getDiagnosticResult(db, null, resultId, token);
    expect(result.anonymous).toBe(true);
    expect(result.recommended).toMatchObject({ slug: "autonome-avec-le-numerique", startStep: { key: "adresse-e-mail" }, skipped: [] });
    expect(result.domains.map((d) => d.domain)).toEqual(["1", "2", "3", "4", "5"]);
    expect(result.domains.every((d) => d.level === 0)).toBe(true);

    expect(await status(getDiagnosticResult(db, null, resultId, null))).toBe(404);
    const other = await takeDiagnostic(db, null, beginner());
    expect(await status(getDiagnosticResult(db, null, resultId, other.token))).toBe(404);
    const stranger = await createUser(db);
    expect(await status(getDiagnosticResult(db, stranger, resultId, null))).toBe(404);
    expect(await status(getDiagnosticResult(db, null, "pas-un-id", token))).toBe(404);
  });

  it("is claimed by the account at sign-up or sign-in, through the accounts' redirect, and the cookie goes", async () => {
    const { resultId, token } = await takeDiagnostic(db, null, knowsEmail());
    const user = await createUser(db);
    const request = new Request("http://localhost/inscription", { method: "POST", headers: { Cookie: await cookieOf(token!) } });
    const response = await redirectSignedIn(request, db, "/compte", "jeton-de-session", user);
    const cookies = response.headers.getSetCookie();
    expect(cookies.some((c) => /passerelle_diagnostic=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);

    const row = await db.selectFrom("diagnostic_result").selectAll().where("id", "=", resultId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: user.id, token_hash: null });
    expect(row.claimed_at).toBeInstanceOf(Date);
    // The token is spent: it no longer opens the result; the account does.
    expect(await status(getDiagnosticResult(db, null, resultId, token))).toBe(404);
    expect((await getDiagnosticResult(db, user, resultId, null)).anonymous).toBe(false);

    // The path page now shows the result kept, the skipped step, and where to start.
    const page = await getPathPage(db, user, "autonome-avec-le-numerique", { anonymousToken: null });
    expect(page.diagnostic).toMatchObject({ id: resultId, recommendsThis: true });
    expect(page.steps.map((s) => s.status)).toEqual(["skipped", "open", "open", "open", "locked", "open", "open"]);
    expect(page.progress.next?.key).toBe("arnaques");
    expect(page.progress.skippedCount).toBe(1);
  });

  it("claims nothing when there is no cookie, and never someone else's result", async () => {
    const mine = await createUser(db);
    const response = await redirectSignedIn(new Request("http://localhost/connexion", { method: "POST" }), db, "/", "jeton", mine);
    expect(response.headers.getSetCookie().some((c) => c.includes("passerelle_diagnostic"))).toBe(false);

    const owner = await createUser(db);
    const { resultId } = await takeDiagnostic(db, owner, beginner());
    // A forged cookie carrying a random token claims nothing.
    await redirectSignedIn(new Request("http://localhost/connexion", { method: "POST", headers: { Cookie: await cookieOf("a".repeat(32)) } }), db, "/", "j", mine);
    expect((await db.selectFrom("diagnostic_result").select("user_id").where("id", "=", resultId).executeTakeFirstOrThrow()).user_id).toBe(owner.id);
  });

  it("prunes anonymous results nobody claimed within 30 days", async () => {
    const { resultId } = await takeDiagnostic(db, null, beginner());
    const user = await createUser(db);
    const kept = await takeDiagnostic(db, user, beginner());
    await db.updateTable("diagnostic_result").set({ created_at: new Date(Date.now() - 31 * 86400_000) }).where("id", "in", [resultId, kept.resultId]).execute();
    expect(await pruneAnonymousDiagnostics(db)).toBeGreaterThanOrEqual(1);
    expect(await db.selectFrom("diagnostic_result").select("id").where("id", "=", resultId).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom("diagnostic_result").select("id").where("id", "=", kept.resultId).executeTakeFirst()).toBeDefined();
  });
});

describe("a signed-in learner", () => {
  it("can retake it: the latest result counts", async () => {
    const user = await createUser(db);
    const first = await takeDiagnostic(db, user, beginner("job"));
    expect(await findLatestResultId(db, user, null)).toBe(first.resultId);
    await new Promise((r) => setTimeout(r, 5));
    const second = await takeDiagnostic(db, user, { ...beginner("business"), device: "alone", email_address: "b", email_attachment: "alone" });
    expect(await findLatestResultId(db, user, null)).toBe(second.resultId);
    const result = await getDiagnosticResult(db, user, second.resultId, null);
    expect(result.recommendedSlug).toBe("developper-son-activite-en-ligne");
    expect(result.recommendationReason).toBe("goal");
    // The first time, without the basics, a job seeker was sent to the everyday path first.
    expect((await getDiagnosticResult(db, user, first.resultId, null)).recommendationReason).toBe("basics_first");
  });
});

describe("a mediator running it with a learner", () => {
  it("records who ran it, for a learner the mediator created, and both can read it", async () => {
    const mediator = await createUser(db, { role: "mediator", firstName: "Amina" });
    const learner = await createUser(db, { email: null, firstName: "Marcel", createdBy: mediator.id });
    const form = await loadDiagnosticForm(db, mediator);
    expect(form.learners?.map((l) => l.id)).toEqual([learner.id]);

    const { resultId, token } = await takeDiagnostic(db, mediator, beginner(), { learnerId: learner.id });
    expect(token).toBeNull();
    const row = await db.selectFrom("diagnostic_result").selectAll().where("id", "=", resultId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: learner.id, run_by: mediator.id });
    const seenByMediator = await getDiagnosticResult(db, mediator, resultId, null);
    expect(seenByMediator).toMatchObject({ learnerName: "Marcel", mediatorName: "Amina" });
    expect(await status(getDiagnosticResult(db, learner, resultId, null))).toBe(200);
  });

  it("refuses a learner the mediator did not create, a non-learner, and learners for plain learners", async () => {
    const mediator = await createUser(db, { role: "mediator" });
    const otherMediator = await createUser(db, { role: "mediator" });
    const someonesLearner = await createUser(db, { createdBy: otherMediator.id });
    expect(await status(takeDiagnostic(db, mediator, beginner(), { learnerId: someonesLearner.id }))).toBe(403);
    expect(await status(takeDiagnostic(db, mediator, beginner(), { learnerId: otherMediator.id }))).toBe(403);
    expect(await status(takeDiagnostic(db, mediator, beginner(), { learnerId: "pas-un-id" }))).toBe(400);
    const learner = await createUser(db);
    expect(await status(takeDiagnostic(db, learner, beginner(), { learnerId: someonesLearner.id }))).toBe(403);
    expect((await loadDiagnosticForm(db, learner)).learners).toBeNull();
    // A coordinator may run it for anyone.
    const coordinator = await createUser(db, { role: "coordinator" });
    expect(await status(takeDiagnostic(db, coordinator, beginner(), { learnerId: someonesLearner.id }))).toBe(200);
  });
});

describe("the form", () => {
  it("answers a missing answer with a translated error per question, and writes nothing", async () => {
    const before = await db.selectFrom("diagnostic_result").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    const formData = new FormData();
    for (const [k, v] of Object.entries(beginner())) if (k !== "privacy" && k !== "goal") formData.set(k, v);
    formData.set("device", "peut-etre");
    const submission = parseWithZod(formData, { schema: DiagnosticSchema });
    expect(submission.status).toBe("error");
    const errors = submission.reply().error ?? {};
    expect(errors.privacy).toEqual(["diagnostic:errors.answer_required"]);
    expect(errors.goal).toEqual(["diagnostic:errors.answer_required"]);
    expect(errors.device).toEqual(["diagnostic:errors.answer_required"]);
    const after = await db.selectFrom("diagnostic_result").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("limits anonymous questionnaires per address (a script cannot fill the database), not signed-in people", async () => {
    const ip = "198.51.100.40";
    for (let i = 0; i < ANONYMOUS_SUBMISSIONS_PER_ADDRESS; i++) await takeDiagnostic(db, null, beginner(), { ip });
    expect(await status(takeDiagnostic(db, null, beginner(), { ip }))).toBe(429);
    // The business questionnaire has its own allowance.
    const shop = Object.fromEntries(BUSINESS_QUESTIONS.map((q) => [q.id, q.options[0]!.id]));
    for (let i = 0; i < ANONYMOUS_SUBMISSIONS_PER_ADDRESS; i++) await takeBusinessDiagnostic(db, null, { sector: "food", answers: shop }, { ip });
    expect(await status(takeBusinessDiagnostic(db, null, { sector: "food", answers: shop }, { ip }))).toBe(429);
    // Someone signed in, or another address, is not affected.
    expect(await status(takeDiagnostic(db, await createUser(db), beginner(), { ip }))).toBe(200);
    expect(await status(takeDiagnostic(db, null, beginner(), { ip: "198.51.100.42" }))).toBe(200);
  });
});

