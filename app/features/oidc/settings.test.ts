import { afterEach, describe, expect, it } from "vitest";
import { env, oidcProviders, resetEnvForTests } from "../../lib/env.server";

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

const errorOf = () => {
  try {
    env();
  } catch (error) {
    return (error as Error).message;
  }
  return "";
};

describe("OpenID providers from the environment", () => {
  it("reads each listed provider, with the defaults", () => {
    withEnv({
      OIDC_PROVIDERS: "ent, keycloak",
      OIDC_ENT_ISSUER: "https://auth.ent.example.fr/realms/colleges",
      OIDC_ENT_CLIENT_ID: "passerelle",
      OIDC_ENT_CLIENT_SECRET: "s3cr3t",
      OIDC_ENT_LABEL_FR: "mon ENT",
      OIDC_KEYCLOAK_ISSUER: "http://127.0.0.1:8080/realms/dev",
      OIDC_KEYCLOAK_CLIENT_ID: "public",
      OIDC_KEYCLOAK_TOKEN_AUTH: "none",
      OIDC_KEYCLOAK_LABEL_FR: "Keycloak",
      OIDC_KEYCLOAK_LABEL_EN: "Keycloak (dev)",
      OIDC_KEYCLOAK_SCOPES: "openid profile",
    });
    expect(env().OIDC_CLOCK_TOLERANCE_SECONDS).toBe(30);
    expect(oidcProviders()).toEqual([
      { id: "ent", issuer: "https://auth.ent.example.fr/realms/colleges", clientId: "passerelle", clientSecret: "s3cr3t", tokenAuth: "client_secret_basic", scopes: "openid profile email", label: { fr: "mon ENT", en: "mon ENT" } },
      { id: "keycloak", issuer: "http://127.0.0.1:8080/realms/dev", clientId: "public", clientSecret: undefined, tokenAuth: "none", scopes: "openid profile", label: { fr: "Keycloak", en: "Keycloak (dev)" } },
    ]);
  });

  it("names what is missing or wrong, never shows the secret, and refuses plain http to another machine", () => {
    withEnv({ OIDC_PROVIDERS: "ent", OIDC_ENT_ISSUER: "http://auth.ent.example.fr", OIDC_ENT_CLIENT_SECRET: "s3cr3t", OIDC_ENT_TOKEN_AUTH: "magic" });
    const message = errorOf();
    expect(message).toContain("OIDC_ENT_ISSUER");
    expect(message).toContain("OIDC_ENT_CLIENT_ID");
    expect(message).toContain("OIDC_ENT_LABEL_FR");
    expect(message).toContain("OIDC_ENT_TOKEN_AUTH");
    expect(message).not.toContain("s3cr3t");
    withEnv({ OIDC_PROVIDERS: "ENT!" });
    expect(errorOf()).toContain("OIDC_PROVIDERS");
  });
});
