import { afterEach, describe, expect, it } from "vitest";
import { BODY_LIMITS, DEFAULT_BODY_LIMIT } from "../body-limits.server";
import { bodyLimitFor, formatLimit, MIB } from "./body-limit.server";
import { ConfigError, env, resetEnvForTests, workerCount } from "./env.server";
import { isAllowedOrigin } from "./middleware.server";
import { publicUrl } from "./public-url.server";

const saved = { ...process.env };
function withEnv(values: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe("settings", () => {
  it("names each wrong variable, hides secrets, and treats empty values as unset", () => {
    withEnv({ PORT: "abc", DATABASE_URL: "mysql://u:secret@h/db", LIVEKIT_URL: "wss://lk.example", LIVEKIT_API_KEY: "", TRUST_PROXY: "" });
    let message = "";
    try {
      env();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain('PORT (got "abc"): must be a port number');
    expect(message).toContain("DATABASE_URL (value hidden): must be a postgres:// or postgresql:// address");
    expect(message).toContain("LIVEKIT_API_KEY");
    expect(message).not.toContain("secret");
    expect(message).not.toContain("TRUST_PROXY");
  });

  it("runs one worker on the embedded database, WEB_CONCURRENCY or one per core otherwise", () => {
    withEnv({ DATABASE_URL: undefined, WEB_CONCURRENCY: "4" });
    expect(workerCount()).toBe(1);
    withEnv({ DATABASE_URL: "postgres://localhost/passerelle", WEB_CONCURRENCY: "3" });
    expect(workerCount()).toBe(3);
  });
});

describe("public address", () => {
  it("is APP_URL when set, else the listen address, whatever the request says", () => {
    withEnv({ APP_URL: "https://passerelle.example.fr/", HOST: "0.0.0.0", PORT: "3000" });
    expect(publicUrl()).toBe("https://passerelle.example.fr");
    withEnv({ APP_URL: undefined, HOST: "0.0.0.0", PORT: "8080" });
    expect(publicUrl()).toBe("http://localhost:8080");
    withEnv({ APP_URL: undefined, HOST: "::1", PORT: "8080" });
    expect(publicUrl()).toBe("http://[::1]:8080");
  });

  it("accepts X-Forwarded-Host as the site's host only when TRUST_PROXY is set", () => {
    const post = () =>
      new Request("http://10.0.0.5:3000/connexion", { method: "POST", headers: { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" } });
    withEnv({ TRUST_PROXY: undefined, APP_URL: undefined });
    expect(isAllowedOrigin(post())).toBe(false);
    withEnv({ TRUST_PROXY: "loopback", APP_URL: undefined });
    expect(isAllowedOrigin(post())).toBe(true);
  });
});

describe("body limits", () => {
  it("picks the route's limit, React Router's .data requests included", () => {
    expect(bodyLimitFor("/connexion", BODY_LIMITS, DEFAULT_BODY_LIMIT).bytes).toBe(1 * MIB);
    expect(bodyLimitFor("/connexion.data", BODY_LIMITS, DEFAULT_BODY_LIMIT).kind).toBe("form");
    expect(bodyLimitFor("/projets/p1/equipes/t1/fichiers", BODY_LIMITS, DEFAULT_BODY_LIMIT).bytes).toBe(10 * MIB + 64 * 1024);
    expect(bodyLimitFor("/activites.data", BODY_LIMITS, DEFAULT_BODY_LIMIT).bytes).toBe(50 * MIB + 64 * 1024);
    expect(bodyLimitFor("/xapi/statements", BODY_LIMITS, DEFAULT_BODY_LIMIT).bytes).toBe(20 * MIB + 64 * 1024);
    expect(bodyLimitFor("/creer/cours/c1/lecons/l1", BODY_LIMITS, DEFAULT_BODY_LIMIT).kind).toBe("editor");
    expect(bodyLimitFor("/api/livekit/webhook", BODY_LIMITS, DEFAULT_BODY_LIMIT).bytes).toBe(256 * 1024);
    expect(formatLimit(MIB, "fr")).toBe("1 Mo");
    expect(formatLimit(256 * 1024, "en")).toBe("256 KB");
  });
});
