import { availableParallelism } from "node:os";
import { z } from "zod";

/** Empty values (`TRUST_PROXY=` in a copied .env) mean "not set". */
const optional = <T extends z.ZodType>(type: T) => z.preprocess((v) => (v === "" ? undefined : v), type.optional());
const withDefault = <T extends z.ZodType>(type: T, fallback: z.input<T>) =>
  z.preprocess((v) => (v === "" || v === undefined ? fallback : v), type);
const urlWithScheme = (schemes: string[], example: string) =>
  z.string().refine(
    (v) => {
      try {
        return schemes.includes(new URL(v).protocol.replace(/:$/, ""));
      } catch {
        return false;
      }
    },
    { message: `must be a ${schemes.join(":// or ")}:// address, e.g. ${example}` },
  );

/**
 * Every setting the server reads, in one place. `.env.example` documents each
 * of them; nothing else in the app reads `process.env`.
 */
const schema = z.object({
  NODE_ENV: withDefault(z.enum(["development", "production", "test"]), "development"),
  PORT: withDefault(z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535), 3000),
  HOST: withDefault(z.string(), "0.0.0.0"),
  /** Public origin of the site, used in links and for the Origin check behind a proxy. */
  APP_URL: optional(urlWithScheme(["http", "https"], "https://passerelle.example.fr")),
  DATABASE_URL: optional(urlWithScheme(["postgres", "postgresql"], "postgres://user:password@host:5432/passerelle")),
  /** Where this version's source code is published (AGPL §13); by default the archive written at build time. */
  SOURCE_URL: optional(urlWithScheme(["http", "https"], "https://forge.example.fr/passerelle")),
  /** Folder of the embedded database, mail files and uploads when no server is configured. */
  DATA_DIR: withDefault(z.string(), "./data"),
  SMTP_URL: optional(urlWithScheme(["smtp", "smtps"], "smtps://user:password@smtp.example.fr:465")),
  MAIL_FROM: withDefault(z.string(), "Passerelle <ne-pas-repondre@passerelle.local>"),
  /** An SMS gateway taking `POST {to, text}` as JSON; unset → SMS written as files under $DATA_DIR/sms. */
  SMS_GATEWAY_URL: optional(urlWithScheme(["http", "https"], "https://sms.example.fr/api/send")),
  /** Sent as `Authorization: Bearer …` to the SMS gateway. */
  SMS_GATEWAY_TOKEN: optional(z.string()),
  /** The sender name or number the gateway shows. */
  SMS_FROM: withDefault(z.string(), "Passerelle"),
  LOG_LEVEL: withDefault(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]), "info"),
  /** Express "trust proxy" setting (e.g. "loopback" or a hop count) when behind a reverse proxy. */
  TRUST_PROXY: optional(z.string()),
  /** Set to "false" to keep the mail worker and periodic jobs out of this process. */
  OUTBOX_WORKER: withDefault(z.enum(["true", "false"]), "true"),
  /** Worker processes of `npm start` (one per core by default); always 1 on the embedded database. */
  WEB_CONCURRENCY: optional(z.coerce.number({ message: "must be a number of processes" }).int().min(1).max(64)),
  /** Visitors' pages each worker keeps under their tag (decision 050); 0 keeps none. */
  VISITOR_PAGE_MEMORY: withDefault(z.coerce.number({ message: "must be a number of pages" }).int().min(0).max(100_000), 300),
  /** Page reads (GET) each worker computes at once, the rest waiting their turn (decision 051); 0 sets no limit. */
  RENDER_CONCURRENCY: withDefault(z.coerce.number({ message: "must be a number of requests" }).int().min(0).max(10_000), 4),
  LIVEKIT_URL: optional(urlWithScheme(["ws", "wss", "http", "https"], "wss://livekit.example.fr")),
  LIVEKIT_API_KEY: optional(z.string()),
  LIVEKIT_API_SECRET: optional(z.string()),
  S3_ENDPOINT: optional(urlWithScheme(["http", "https"], "https://s3.example.fr")),
  S3_REGION: optional(z.string()),
  S3_BUCKET: optional(z.string()),
  S3_ACCESS_KEY_ID: optional(z.string()),
  S3_SECRET_ACCESS_KEY: optional(z.string()),
  /** Days after a school class is archived before its pupils' personal data is deleted (the anonymised work stays). */
  PROJECTS_RETENTION_DAYS: withDefault(z.coerce.number({ message: "must be a number of days" }).int().min(0).max(3650), 90),
  /** Storage quotas (decision 023): what one person's uploads may hold in all (course images, H5P activities, team files). */
  STORAGE_QUOTA_USER_MB: withDefault(z.coerce.number({ message: "must be a number of megabytes" }).int().min(1), 1024),
  STORAGE_QUOTA_USER_FILES: withDefault(z.coerce.number({ message: "must be a number of files" }).int().min(1), 10_000),
  /** What the images of one course may hold. */
  STORAGE_QUOTA_COURSE_MB: withDefault(z.coerce.number({ message: "must be a number of megabytes" }).int().min(1), 500),
  STORAGE_QUOTA_COURSE_FILES: withDefault(z.coerce.number({ message: "must be a number of files" }).int().min(1), 2_000),
  /** Files one H5P package may write (its content files and the libraries it installs). */
  H5P_MAX_PACKAGE_FILES: withDefault(z.coerce.number({ message: "must be a number of files" }).int().min(1), 1_000),
  /** OpenID Connect sign-in (decision 047): the providers' ids, comma-separated; each one's settings are OIDC_<ID>_… (see oidcProviders). */
  OIDC_PROVIDERS: optional(z.string().regex(/^\s*[a-z0-9]+(\s*,\s*[a-z0-9]+)*\s*$/, "must be ids of lower-case letters and digits separated by commas, e.g. ent,franceconnect")),
  /** Seconds of difference tolerated between our clock and a provider's when checking an ID token's dates. */
  OIDC_CLOCK_TOLERANCE_SECONDS: withDefault(z.coerce.number({ message: "must be a number of seconds" }).int().min(0).max(600), 30),
});

/** Settings that only make sense together; checked even when others are wrong, so one run lists every problem. */
interface Issue {
  path: PropertyKey[];
  message: string;
}

function crossFieldIssues(source: NodeJS.ProcessEnv): Issue[] {
  return [...livekitIssues(source), ...oidcIssues(source)];
}

function livekitIssues(source: NodeJS.ProcessEnv): Issue[] {
  const livekit = ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"];
  const set = livekit.filter((k) => source[k]);
  if (set.length === 0 || set.length === livekit.length) return [];
  return livekit
    .filter((k) => !source[k])
    .map((k) => ({ path: [k], message: `is needed too when ${set.join(" and ")} is set (all three or none)` }));
}

/** One OpenID provider as OIDC_<ID>_… variables describe it. */
export interface OidcProviderSettings {
  id: string;
  /** The issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** How the client authenticates at the token endpoint; client_secret_basic is OpenID's default. */
  tokenAuth: "client_secret_basic" | "client_secret_post" | "none";
  scopes: string;
  label: { fr: string; en: string };
}

const oidcIds = (source: NodeJS.ProcessEnv) =>
  (source.OIDC_PROVIDERS ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter((id) => /^[a-z0-9]+$/.test(id));
const oidcVar = (id: string, name: string) => `OIDC_${id.toUpperCase()}_${name}`;
const TOKEN_AUTH = ["client_secret_basic", "client_secret_post", "none"] as const;

function oidcIssues(source: NodeJS.ProcessEnv): Issue[] {
  const issues: Issue[] = [];
  for (const id of oidcIds(source)) {
    const issuer = source[oidcVar(id, "ISSUER")];
    const issuerOk = (() => {
      try {
        const url = new URL(issuer ?? "");
        // Plain http only for a provider on this machine (development, tests): tokens never cross a network in clear.
        return url.protocol === "https:" || (url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname));
      } catch {
        return false;
      }
    })();
    if (!issuerOk) issues.push({ path: [oidcVar(id, "ISSUER")], message: "must be the provider's https:// issuer address, e.g. https://auth.example.fr/realms/passerelle" });
    for (const name of ["CLIENT_ID", "LABEL_FR"]) {
      if (!source[oidcVar(id, name)]) issues.push({ path: [oidcVar(id, name)], message: `is needed for the provider "${id}" listed in OIDC_PROVIDERS` });
    }
    const auth = source[oidcVar(id, "TOKEN_AUTH")];
    if (auth && !(TOKEN_AUTH as readonly string[]).includes(auth)) issues.push({ path: [oidcVar(id, "TOKEN_AUTH")], message: `must be one of ${TOKEN_AUTH.join(", ")}` });
    if ((auth ?? "client_secret_basic") !== "none" && !source[oidcVar(id, "CLIENT_SECRET")]) {
      issues.push({ path: [oidcVar(id, "CLIENT_SECRET")], message: `is needed for the provider "${id}" (or set ${oidcVar(id, "TOKEN_AUTH")}=none for a public client)` });
    }
  }
  return issues;
}

export type Env = z.infer<typeof schema>;

/** Values never printed in an error message. */
const SECRET = /SECRET|PASSWORD|DATABASE_URL|SMTP_URL|API_KEY|ACCESS_KEY|TOKEN/;

/** A configuration that cannot work: the message names each variable and says what is expected. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function describeIssues(issues: readonly Issue[], source: NodeJS.ProcessEnv): string {
  const lines = issues.map((issue) => {
    const name = String(issue.path[0] ?? "?");
    const raw = source[name];
    const shown = raw === undefined ? "" : SECRET.test(name) ? " (value hidden)" : ` (got ${JSON.stringify(raw)})`;
    return `  - ${name}${shown}: ${issue.message}`;
  });
  return [
    "Passerelle cannot start: some settings are wrong.",
    ...lines,
    "Fix them in the environment or in the .env file (every setting is described in .env.example).",
  ].join("\n");
}

let cached: Env | undefined;
let dotEnvLoaded = false;

/**
 * Reads `.env` (or the file named by ENV_FILE) into process.env once, as
 * .env.example says. Variables already set in the environment win. Tests
 * never read it: a developer's .env must not change what they check.
 */
export function loadDotEnv() {
  if (dotEnvLoaded || process.env.VITEST) return;
  dotEnvLoaded = true;
  try {
    process.loadEnvFile(process.env.ENV_FILE || ".env");
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOENT") throw new ConfigError(`Passerelle cannot read ${process.env.ENV_FILE || ".env"}: ${(error as Error).message}`);
  }
}

export function env(): Env {
  if (cached) return cached;
  loadDotEnv();
  const parsed = schema.safeParse(process.env);
  const issues = [...(parsed.success ? [] : parsed.error.issues), ...crossFieldIssues(process.env)];
  if (!parsed.success || issues.length > 0) throw new ConfigError(describeIssues(issues, process.env));
  cached = parsed.data;
  return cached;
}

/**
 * The OpenID providers of OIDC_PROVIDERS, in that order, each from its
 * OIDC_<ID>_ISSUER, _CLIENT_ID, _CLIENT_SECRET, _TOKEN_AUTH, _SCOPES,
 * _LABEL_FR and _LABEL_EN variables (checked at start-up by env()).
 */
export function oidcProviders(): OidcProviderSettings[] {
  if (!env().OIDC_PROVIDERS) return [];
  return oidcIds(process.env).map((id) => {
    const read = (name: string) => process.env[oidcVar(id, name)] || undefined;
    const labelFr = read("LABEL_FR")!;
    return {
      id,
      issuer: read("ISSUER")!,
      clientId: read("CLIENT_ID")!,
      clientSecret: read("CLIENT_SECRET"),
      tokenAuth: (read("TOKEN_AUTH") ?? "client_secret_basic") as OidcProviderSettings["tokenAuth"],
      scopes: read("SCOPES") ?? "openid profile email",
      label: { fr: labelFr, en: read("LABEL_EN") ?? labelFr },
    };
  });
}

/** Tests change process.env between cases; they call this to re-read it. */
export function resetEnvForTests() {
  cached = undefined;
}

export const isProduction = () => env().NODE_ENV === "production";

/** Worker processes to run: WEB_CONCURRENCY, else one per core; the embedded database allows one process only. */
export function workerCount(): number {
  const { DATABASE_URL, WEB_CONCURRENCY } = env();
  if (!DATABASE_URL) return 1;
  return WEB_CONCURRENCY ?? availableParallelism();
}

/**
 * Cookies carry `Secure` in production, unless the site is explicitly served
 * over plain http (APP_URL=http://…, e.g. a relay-space LAN or the browser tests).
 */
export const secureCookies = () => isProduction() && !env().APP_URL?.startsWith("http://");

/** The link offering this version's source code (AGPL §13): SOURCE_URL, or the archive `npm run build` writes. */
export const sourceCodeUrl = () => env().SOURCE_URL ?? "/passerelle-source.tar.gz";
