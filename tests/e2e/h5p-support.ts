import { createRequire } from "node:module";
import type { Frame, Page } from "playwright-core";
import type postgres from "postgres";
import { expect } from "vitest";

/** Shared by the H5P browser tests (h5p.test.ts, h5p-standards.test.ts). */
const require = createRequire(import.meta.url);
const AXE_SOURCE: string = require("axe-core").source;

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A fresh learner (signed up through the page), so that no other test's progress gets in the way. */
export async function newLearner(page: Page, sql: postgres.Sql) {
  const email = `h5p-${unique()}@exemple.fr`;
  await page.goto("/inscription");
  await page.getByLabel("Prénom").fill("Odette");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Nouveau mot de passe").fill("ma phrase secrète");
  await page.getByLabel("Répétez le mot de passe").fill("ma phrase secrète");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect.poll(() => page.url()).toContain("/compte");
  const [user] = await sql<{ id: string }[]>`select id from app_user where email = ${email}`;
  return user!.id;
}

/**
 * The activity's two frames once the player has started: the host (status
 * line, relay, manual completion) and, inside it, the sandboxed player (the
 * content type). `ready` waits for something the content type draws.
 */
export async function h5pFrames(page: Page, ready: (player: Frame) => Promise<unknown> = (p) => p.getByRole("radio").first().waitFor()) {
  const element = await page.waitForSelector("iframe[data-h5p-content]");
  const host = (await element.contentFrame())!;
  await host.waitForSelector("html[data-h5p-ready='true']", { timeout: 30_000 });
  const player = (await (await host.waitForSelector("iframe#h5p-player")).contentFrame())!;
  await ready(player);
  return { host, player };
}

/** axe-core in a frame (evaluated through the DevTools protocol, so the frame's CSP stays on). */
export async function expectFrameAccessible(frame: Frame) {
  await frame.evaluate(AXE_SOURCE);
  const violations = await frame.evaluate(async () => {
    // @ts-expect-error axe is a global once the source ran
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v: { id: string; help: string }) => `${v.id}: ${v.help}`);
  });
  expect(violations, `axe violations in the H5P frame ${frame.url()}`).toEqual([]);
}

export async function statementsOf(sql: postgres.Sql, userId: string) {
  return sql<{ id: string; verb: string; actor: unknown; lesson_id: string | null; result: Record<string, unknown> | null }[]>`
    select s.id, s.verb_id as verb, s.statement->'actor' as actor, l.lesson_id, s.statement->'result' as result
    from h5p_statement_link l join xapi_statement s on s.id = l.statement_id
    where l.user_id = ${userId}`;
}

export const verbCounts = (rows: { verb: string }[]) =>
  rows.reduce<Record<string, number>>((acc, r) => {
    const v = r.verb.split("/").at(-1)!;
    acc[v] = (acc[v] ?? 0) + 1;
    return acc;
  }, {});
