import { generateKeyPairSync } from "node:crypto";
import type { Server } from "node:http";
import Provider, { type Configuration } from "oidc-provider";
import { freePort } from "./e2e-server";

/**
 * A real OpenID Provider for the tests: panva's oidc-provider (OpenID
 * certified), started in the test process on a free port. Not a mock of our
 * own code: discovery, PKCE, the code exchange, ID-token signing and
 * RP-initiated logout are the library's. Only the login screen is ours (a
 * single « identifiant » field, any value signs in as that subject) because
 * its dev interactions are meant for people, not tests.
 *
 * Two deliberately faulty variants, for what a well-behaved provider never
 * does and the relying party must still refuse:
 * - `wrongKey`: its published key set holds another key under the kid it
 *   signs with, so every ID token fails signature verification;
 * - `lateBySeconds`: the token endpoint answers that many seconds after it
 *   issued an ID token that lives one second, so it arrives expired.
 */
export interface TestAccount {
  given_name?: string;
  family_name?: string;
  email?: string;
  email_verified?: boolean;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /**
   * The next answer meant for the relying party is kept here instead of
   * sent (the browser sees a blank page): a test can then change it, or send
   * it twice. Resolves with the callback URL.
   */
  holdNextAnswer(): Promise<string>;
  stop(): Promise<void>;
}

const rsaJwk = (kid: string) => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" };
};

export async function startTestProvider({
  redirectUris,
  postLogoutRedirectUris,
  wrongKey = false,
  lateBySeconds = 0,
}: {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  wrongKey?: boolean;
  lateBySeconds?: number;
}): Promise<TestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map<string, TestAccount>();
  const signing = rsaJwk("test-key");
  const configuration: Configuration = {
    clients: [
      {
        client_id: "passerelle",
        client_secret: "secret-de-test-passerelle",
        redirect_uris: redirectUris,
        post_logout_redirect_uris: postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signing] },
    cookies: { keys: ["cle-de-test-des-cookies"] },
    claims: { openid: ["sub"], profile: ["given_name", "family_name", "groups"], email: ["email", "email_verified"] },
    features: { devInteractions: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: lateBySeconds ? 1 : 600, Interaction: 600, Session: 600 },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, ...(accounts.get(sub) ?? {}) }) }),
  };
  const provider = new Provider(issuer, configuration);
  let hold: ((url: string) => void) | null = null;

  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([^/]+)$/.exec(ctx.path);
    if (!match) {
      await next();
      const location = ctx.response.get("Location");
      if (hold && location && redirectUris.some((uri) => location.startsWith(`${uri}?`))) {
        hold(location);
        hold = null;
        ctx.remove("Location");
        ctx.status = 200;
        ctx.type = "html";
        ctx.body = `<!doctype html><html lang="fr"><head><title>Réponse retenue</title></head><body><main><h1>Réponse retenue par le test</h1></main></body></html>`;
      }
      if (ctx.path === "/token" && lateBySeconds) await new Promise((r) => setTimeout(r, lateBySeconds * 1000));
      if (ctx.path === "/jwks" && wrongKey) {
        const { kty, n, e, kid, alg, use } = rsaJwk(signing.kid);
        ctx.body = { keys: [{ kty, n, e, kid, alg, use }] };
      }
      return;
    }
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    let accountId = details.session?.accountId;
    if (details.prompt.name === "login") {
      if (ctx.method === "GET") {
        ctx.type = "html";
        ctx.body = `<!doctype html><html lang="fr"><head><title>Fournisseur de test</title></head><body><main><h1>Fournisseur d'identité de test</h1><form method="post"><label for="login">Identifiant</label> <input id="login" name="login" autocomplete="username"><button type="submit">Continuer</button></form></main></body></html>`;
        return;
      }
      const body = new URLSearchParams(await readBody(ctx.req));
      accountId = body.get("login")?.trim() || undefined;
      if (!accountId) ctx.throw(400, "login required");
    }
    // Consent is granted for whatever was asked: the test provider's people always agree.
    const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId, clientId: details.params.client_id as string });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    ctx.respond = false;
    await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: accountId! }, consent: { grantId } }, { mergeWithLastSubmission: false });
  });

  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, "127.0.0.1", () => resolve(s));
  });
  return {
    issuer,
    clientId: "passerelle",
    clientSecret: "secret-de-test-passerelle",
    accounts,
    holdNextAnswer: () => new Promise<string>((resolve) => (hold = resolve)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(req: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

/** The app's OIDC_* variables for a set of named test providers. */
export function providerEnv(providers: Record<string, TestProvider>, labels: Record<string, string>): Record<string, string> {
  const vars: Record<string, string> = { OIDC_PROVIDERS: Object.keys(providers).join(",") };
  for (const [id, p] of Object.entries(providers)) {
    const prefix = `OIDC_${id.toUpperCase()}_`;
    vars[`${prefix}ISSUER`] = p.issuer;
    vars[`${prefix}CLIENT_ID`] = p.clientId;
    vars[`${prefix}CLIENT_SECRET`] = p.clientSecret;
    vars[`${prefix}LABEL_FR`] = labels[id] ?? id;
    vars[`${prefix}LABEL_EN`] = labels[id] ?? id;
  }
  return vars;
}
