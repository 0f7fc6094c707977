import { z } from "zod";

/**
 * Every setting the server reads, in one place. `.env.example` documents each
 * of them; nothing else in the app reads `process.env`.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Public origin of the site, used in emails and for the Origin check behind a proxy. */
  APP_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  /** Where this version's source code is published (AGPL §13); by default the archive written at build time. */
  SOURCE_URL: z.string().url().optional(),
  /** Folder of the embedded database, mail files and uploads when no server is configured. */
  DATA_DIR: z.string().default("./data"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Passerelle <ne-pas-repondre@passerelle.local>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Set to "false" to keep the outbox worker out of this process (e.g. a web-only replica). */
  /** Express "trust proxy" setting (e.g. "loopback" or a hop count) when behind a reverse proxy. */
  TRUST_PROXY: z.string().optional(),
  /** Set to "false" to keep the mail worker and periodic jobs out of this process. */
  OUTBOX_WORKER: z.enum(["true", "false"]).default("true"),
  LIVEKIT_URL: z.string().optional(),
  LIVEKIT_API_KEY: z.string().optional(),
  LIVEKIT_API_SECRET: z.string().optional(),
  S3_ENDPOINT: z.string().optional(),
  S3_REGION: z.string().optional(),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Days after a school class is archived before its pupils' personal data is deleted (the anonymised work stays). */
  PROJECTS_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Storage quotas (decision 023): what one person's uploads may hold in all (course images, H5P activities, team files). */
  STORAGE_QUOTA_USER_MB: z.coerce.number().int().min(1).default(1024),
  STORAGE_QUOTA_USER_FILES: z.coerce.number().int().min(1).default(10_000),
  /** What the images of one course may hold. */
  STORAGE_QUOTA_COURSE_MB: z.coerce.number().int().min(1).default(500),
  STORAGE_QUOTA_COURSE_FILES: z.coerce.number().int().min(1).default(2_000),
  /** Files one H5P package may write (its content files and the libraries it installs). */
  H5P_MAX_PACKAGE_FILES: z.coerce.number().int().min(1).default(1_000),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

/** Tests change process.env between cases; they call this to re-read it. */
export function resetEnvForTests() {
  cached = undefined;
}

export const isProduction = () => env().NODE_ENV === "production";

/**
 * Cookies carry `Secure` in production, unless the site is explicitly served
 * over plain http (APP_URL=http://…, e.g. a relay-space LAN or the browser tests).
 */
export const secureCookies = () => isProduction() && !env().APP_URL?.startsWith("http://");

/** The link offering this version's source code (AGPL §13): SOURCE_URL, or the archive `npm run build` writes. */
export const sourceCodeUrl = () => env().SOURCE_URL ?? "/passerelle-source.tar.gz";
