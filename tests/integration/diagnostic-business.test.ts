import { parseWithZod } from "@conform-to/zod/v4";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../app/lib/db.server";
import { BUSINESS_QUESTIONS } from "../../app/features/business-diagnostic/questionnaire";
import { renderBusinessReportPdf } from "../../app/features/business-diagnostic/report-pdf.server";
import { businessAnswersOf, BusinessDiagnosticSchema } from "../../app/features/business-diagnostic/schemas";
import { scoreBusinessDiagnostic } from "../../app/features/business-diagnostic/scoring";
import { setBusinessDiagnosticCookie } from "../../app/features/business-diagnostic/cookie.server";
import {
  claimAnonymousBusinessDiagnostic,
  getBusinessReport,
  getOwnBusinessReport,
  latestBusinessDiagnosticOf,
  takeBusinessDiagnostic,
} from "../../app/features/business-diagnostic/service.server";
import { loadRecord } from "../../app/features/record/service.server";
import { hashToken } from "../../app/lib/tokens.server";
import { testDb } from "../helpers/db";
import { createUser } from "../helpers/fixtures";
import { seedPathsAndCourses } from "./paths-fixtures";

let db: Db;
beforeAll(async () => {
  db = await testDb();
  await seedPathsAndCourses(db);
});

const answers = (choose: (i: number, n: number) => number) =>
  Object.fromEntries(BUSINESS_QUESTIONS.map((q, i) => [q.id, q.options[choose(i, q.options.length) % q.options.length]!.id]));
const mixed = answers((i) => i);
const worst = Object.fromEntries(BUSINESS_QUESTIONS.map((q) => [q.id, q.options.find((o) => o.points === 0)!.id]));

function pdfPages(pdf: Buffer) {
  const text = pdf.toString("latin1");
  const pages = (text.match(/\/Type \/Page\b/g) ?? []).length;
  const count = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(text)?.[1]);
  return { pages, count };
}

describe("business visibility pre-diagnostic", () => {
  it("stores the answers and scores behind a secret link; same answers, same scores", async () => {
    const owner = await createUser(db);
    const first = await takeBusinessDiagnostic(db, owner, { businessName: "Boulangerie Martin", sector: "food", commune: "Rieux", answers: mixed });
    const second = await takeBusinessDiagnostic(db, null, { sector: "food", answers: { ...mixed } });
    expect(first.token).toMatch(/^[a-z2-7]{32}$/);
    expect(first.token).not.toBe(second.token);

    const rows = await db.selectFrom("business_diagnostic").selectAll().where("token_hash", "in", [hashToken(first.token), hashToken(second.token)]).execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.axis_scores).toEqual(rows[1]!.axis_scores);
    expect(rows[0]!.overall_score).toBe(rows[1]!.overall_score);
    expect(rows.find((r) => r.user_id === owner.id)?.business_name).toBe("Boulangerie Martin");

    const expected = scoreBusinessDiagnostic(mixed);
    const report = await getBusinessReport(db, first.token);
    expect(report.overall).toBe(expected.overall);
    expect(Object.fromEntries(report.axes.map((a) => [a.axis, a.score]))).toEqual(expected.axisScores);
    expect(report.recommendations).toEqual(expected.recommendations);
    expect(report.path).toEqual({ slug: "developper-son-activite-en-ligne", title: "Développer son activité en ligne" });
    expect(report.coachingUrl).toBe("/ateliers?theme=entrepreneuriat");
    // The token itself is never stored.
    expect(JSON.stringify(rows)).not.toContain(first.token);
  });

  it("taken anonymously, becomes the account's at sign-up: in the record, by id for its owner only, the secret link still works", async () => {
    const { token } = await takeBusinessDiagnostic(db, null, { businessName: "Fleurs de Rieux", sector: "commerce", answers: mixed });
    const owner = await createUser(db);
    const stranger = await createUser(db);
    expect(await latestBusinessDiagnosticOf(db, owner.id)).toBeNull();
    const cookie = (await setBusinessDiagnosticCookie(token)).split(";")[0]!;
    const headers = new Headers();
    const claimed = await claimAnonymousBusinessDiagnostic(new Request("http://x/", { headers: { Cookie: cookie } }), db, owner.id, headers);
    expect(claimed).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    // A second device holding the same cookie cannot take it over.
    expect(await claimAnonymousBusinessDiagnostic(new Request("http://x/", { headers: { Cookie: cookie } }), db, stranger.id, new Headers())).toBeNull();

    const latest = await latestBusinessDiagnosticOf(db, owner.id);
    expect(latest).toMatchObject({ id: claimed, businessName: "Fleurs de Rieux", overall: scoreBusinessDiagnostic(mixed).overall });
    expect((await loadRecord(db, owner)).businessDiagnostic).toMatchObject({ id: claimed });
    expect((await getOwnBusinessReport(db, owner, claimed!)).businessName).toBe("Fleurs de Rieux");
    expect(await getOwnBusinessReport(db, stranger, claimed!).catch((e) => e.init.status)).toBe(404);
    expect((await getBusinessReport(db, token)).businessName).toBe("Fleurs de Rieux");
    // Without a cookie, nothing is claimed.
    expect(await claimAnonymousBusinessDiagnostic(new Request("http://x/"), db, owner.id, new Headers())).toBeNull();
  });

  it("is a 404 for a wrong or malformed link", async () => {
    for (const token of ["a".repeat(32), "pas-un-jeton", ""]) {
      await expect(getBusinessReport(db, token)).rejects.toMatchObject({ init: { status: 404 } });
    }
  });

  it("produces a PDF that opens: header, trailer, page tree", async () => {
    const { token } = await takeBusinessDiagnostic(db, null, { businessName: "Garage de l'Oise", sector: "craft", answers: worst });
    const report = await getBusinessReport(db, token);
    const pdf = await renderBusinessReportPdf(report, { locale: "fr", siteUrl: "https://passerelle.test" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    const { pages, count } = pdfPages(pdf);
    expect(pages).toBe(count);
    // All fifteen pieces of advice do not fit on one A4 page.
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(3);

    const good = await takeBusinessDiagnostic(db, null, {
      sector: "services",
      answers: Object.fromEntries(BUSINESS_QUESTIONS.map((q) => [q.id, q.options.find((o) => o.points === 2)!.id])),
    });
    const short = await renderBusinessReportPdf(await getBusinessReport(db, good.token), { locale: "en", siteUrl: "https://passerelle.test" });
    expect(pdfPages(short)).toEqual({ pages: 1, count: 1 });
  });

  it("refuses incomplete answers with a translated message per question", () => {
    const formData = new FormData();
    for (const [k, v] of Object.entries(mixed)) if (k !== "backups") formData.set(k, v);
    formData.set("businessName", "x".repeat(101));
    const submission = parseWithZod(formData, { schema: BusinessDiagnosticSchema });
    expect(submission.status).toBe("error");
    const errors = submission.reply().error ?? {};
    expect(errors.backups).toEqual(["business:errors.answer_required"]);
    expect(errors.sector).toEqual(["business:errors.sector_required"]);
    expect(errors.businessName).toEqual(["business:errors.too_long"]);

    formData.set("sector", "commerce");
    formData.set("backups", "never");
    formData.set("businessName", "Fleurs");
    const ok = parseWithZod(formData, { schema: BusinessDiagnosticSchema });
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(businessAnswersOf(ok.value)).toEqual({ ...mixed, backups: "never" });
  });
});
