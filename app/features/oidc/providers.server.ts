import * as client from "openid-client";
import { href } from "react-router";
import { env, oidcProviders, type OidcProviderSettings } from "../../lib/env.server";
import { notFound } from "../../lib/errors";
import { publicUrl } from "../../lib/public-url.server";

import type { ProviderButton } from "./types";

export function providerButtons(): ProviderButton[] {
  return oidcProviders().map(({ id, label }) => ({ id, label }));
}

export function findProvider(id: string): OidcProviderSettings | undefined {
  return oidcProviders().find((p) => p.id === id);
}

export function requireProvider(id: string): OidcProviderSettings {
  const provider = findProvider(id);
  if (!provider) throw notFound();
  return provider;
}

/** The redirect URI to register at the provider: one per provider, on the public address. */
export function callbackUrl(providerId: string): string {
  return `${publicUrl()}${href("/connexion/oidc/:provider/retour", { provider: providerId })}`;
}

/** Where the provider sends the person back after signing out there too. */
export const postLogoutRedirectUri = () => `${publicUrl()}${href("/")}`;

/** Seconds a provider may take to answer discovery, the token or the user-info request. */
const PROVIDER_TIMEOUT_SECONDS = 10;
/** Discovery documents change rarely; each worker re-reads them after this. */
const DISCOVERY_TTL_MS = 10 * 60 * 1000;

const isLoopback = (url: URL) => ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

/**
 * A provider's discovered configuration. Each worker keeps its own copy for a
 * few minutes (with the JWKS openid-client caches inside it): nothing depends
 * on two workers sharing it, so this is a cache of the provider's public
 * documents, not state. A failed discovery is not kept.
 */
const discovered = new Map<string, { at: number; config: Promise<client.Configuration> }>();

export function providerConfiguration(provider: OidcProviderSettings, now = Date.now()): Promise<client.Configuration> {
  const key = `${provider.id}|${provider.issuer}|${provider.clientId}`;
  const cached = discovered.get(key);
  if (cached && now - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const config = discover(provider);
  discovered.set(key, { at: now, config });
  config.catch(() => discovered.delete(key));
  return config;
}

async function discover(provider: OidcProviderSettings) {
  const issuer = new URL(provider.issuer);
  const auth =
    provider.tokenAuth === "none"
      ? client.None()
      : provider.tokenAuth === "client_secret_post"
        ? client.ClientSecretPost(provider.clientSecret)
        : client.ClientSecretBasic(provider.clientSecret);
  const metadata: Partial<client.ClientMetadata> = {
    client_secret: provider.clientSecret,
    // openid-client checks exp, iat and nbf with this tolerance (the library's default is 30 s too).
    [client.clockTolerance]: env().OIDC_CLOCK_TOLERANCE_SECONDS,
  };
  return client.discovery(issuer, provider.clientId, metadata, auth, {
    timeout: PROVIDER_TIMEOUT_SECONDS,
    execute: [
      // The ID token's signature is checked against the provider's published keys even though it came
      // straight from the token endpoint (OpenID allows skipping that over TLS): a wrongly-signed token is refused.
      client.enableNonRepudiationChecks,
      // Plain http only for a provider on this machine (env.server.ts refuses any other http issuer).
      ...(issuer.protocol === "http:" && isLoopback(issuer) ? [client.allowInsecureRequests] : []),
    ],
  });
}

/** Forgets discovered configurations (tests that restart a provider on the same address). */
export function forgetDiscoveredProviders() {
  discovered.clear();
}

/**
 * Origins a form of ours may be redirected to (CSP form-action): the issuers'
 * and, once discovered by this worker, their sign-in and sign-out endpoints'.
 */
export function providerFormOrigins(): string[] {
  const origins = new Set<string>();
  for (const provider of oidcProviders()) origins.add(new URL(provider.issuer).origin);
  for (const origin of endpointOrigins) origins.add(origin);
  return [...origins];
}

const endpointOrigins = new Set<string>();

/** Remembers where the sign-in and sign-out endpoints live, for the next pages' CSP. */
export function noteEndpointOrigins(config: client.Configuration) {
  const { authorization_endpoint, end_session_endpoint } = config.serverMetadata();
  for (const endpoint of [authorization_endpoint, end_session_endpoint]) if (endpoint) endpointOrigins.add(new URL(endpoint).origin);
}
