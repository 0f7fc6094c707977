import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startApp } from "../helpers/e2e-server";

describe("embedded database (no DATABASE_URL)", () => {
  it("starts on PGlite in an empty folder, seeds demo data and answers / and /healthz", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "passerelle-smoke-"));
    const env: Record<string, string> = { DATA_DIR: dataDir, DATABASE_URL: "" };
    const app = await startApp(env);
    try {
      expect((await fetch(`${app.baseUrl}/`)).status).toBe(200);
      expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
      expect(app.output()).toContain("apprenant@demo.passerelle.fr");
    } finally {
      await app.stop();
    }
    // Restarting keeps the data and does not seed again.
    const again = await startApp(env);
    try {
      expect((await fetch(`${again.baseUrl}/healthz`)).status).toBe(200);
      expect(again.output()).not.toContain("Comptes de démonstration");
    } finally {
      await again.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
