import { resetEnvForTests } from "../../app/lib/env.server";
import { completeSignIn, startSignIn } from "../../app/features/oidc/flow.server";
import type { Db } from "../../app/lib/db.server";
import { providerEnv, startTestProvider, type TestAccount, type TestProvider } from "../helpers/oidc-provider";

/**
 * The relying party's service verbs against a real oidc-provider, with the
 * browser's part played by fetch: the provider's redirects followed by hand,
 * its cookies carried, its login form posted. The app itself is not running:
 * APP_URL only names the callback the provider sends the browser back to.
 */
export const APP_URL = "http://127.0.0.1:39999";
export const meta = { ip: "198.51.100.21", userAgent: "vitest" };

export async function setUpProvider(): Promise<{ provider: TestProvider; restore: () => Promise<void> }> {
  const provider = await startTestProvider({
    redirectUris: [`${APP_URL}/connexion/oidc/ent/retour`],
    postLogoutRedirectUris: [`${APP_URL}/`],
  });
  const vars = {
    APP_URL,
    ...providerEnv({ ent: provider }, { ent: "ENT de test" }),
    // A provider nobody answers for: port 9 (discard) on this machine is closed.
    OIDC_PROVIDERS: "ent,absent",
    OIDC_ABSENT_ISSUER: "http://127.0.0.1:9",
    OIDC_ABSENT_CLIENT_ID: "passerelle",
    OIDC_ABSENT_CLIENT_SECRET: "secret",
    OIDC_ABSENT_LABEL_FR: "Service absent",
  };
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  resetEnvForTests();
  return {
    provider,
    async restore() {
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetEnvForTests();
      await provider.stop();
    },
  };
}

/** Walks the provider's pages as a browser would, signing in as `login`; returns the callback URL it sends back to. */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 12; hop++) {
    const res = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: { Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
    });
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const [name, ...value] = pair!.split("=");
      cookies.set(name!.trim(), value.join("="));
    }
    const location = res.headers.get("Location");
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(APP_URL)) return next;
      url = next.href;
      method = "GET";
      body = undefined;
      continue;
    }
    if (res.status === 200 && /\/interaction\//.test(url)) {
      await res.text();
      method = "POST";
      body = new URLSearchParams({ login }).toString();
      continue;
    }
    throw new Error(`unexpected answer ${res.status} from ${url}: ${await res.text()}`);
  }
  throw new Error("too many redirects at the provider");
}

/** One whole sign-in: start, the provider, the callback. */
export async function signInThroughProvider(
  db: Db,
  provider: TestProvider,
  login: string,
  account: TestAccount,
  { browserToken = "a".repeat(32), linkUserId = null as string | null, signedInUserId = null as string | null } = {},
) {
  provider.accounts.set(login, account);
  const started = await startSignIn(db, "ent", { returnTo: "/cours", linkUserId, browserToken });
  const callback = await signInAtProvider(started.url, login);
  const outcome = await completeSignIn(db, "ent", { callback, browserToken: started.browserToken, signedInUserId, meta });
  return { outcome, callback, browserToken: started.browserToken };
}
