import { createCookie, href, redirect, type RouterContextProvider } from "react-router";
import type { User } from "../../db/schema/accounts";
import { sessionContext } from "./context";
import type { DbOrTrx } from "./db.server";
import { secureCookies } from "./env.server";
import { generateToken, hashToken } from "./tokens.server";

const DAY = 24 * 60 * 60 * 1000;
/** A session unused for this long ends (shared relay-space PCs). */
export const INACTIVITY_TIMEOUT_MS = 7 * DAY;
/** No session lives longer than this, however active. */
export const ABSOLUTE_LIFETIME_MS = 30 * DAY;
/** Sliding renewal is written at most once a day to keep reads cheap. */
const RENEW_WHEN_LEFT_MS = INACTIVITY_TIMEOUT_MS - DAY;

export const sessionCookie = createCookie(secureCookies() ? "__Host-passerelle_session" : "passerelle_session", {
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies(),
  path: "/",
});

export async function createSession(
  db: DbOrTrx,
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null } = {},
  now = new Date(),
) {
  const token = generateToken();
  await db
    .insertInto("session")
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now,
      expires_at: new Date(now.getTime() + INACTIVITY_TIMEOUT_MS),
      absolute_expires_at: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return token;
}

export interface ValidatedSession {
  user: User;
  sessionId: string;
  /** Set when the expiry moved and the cookie should be re-sent. */
  renewedUntil: Date | null;
}

export async function validateSessionToken(db: DbOrTrx, token: string, now = new Date()): Promise<ValidatedSession | null> {
  const sessionId = hashToken(token);
  const row = await db
    .selectFrom("session")
    .innerJoin("app_user", "app_user.id", "session.user_id")
    .selectAll("app_user")
    .select(["session.expires_at", "session.absolute_expires_at"])
    .where("session.id", "=", sessionId)
    .executeTakeFirst();
  if (!row) return null;
  const { expires_at, absolute_expires_at, ...user } = row;
  if (now >= expires_at || now >= absolute_expires_at || user.disabled_at) {
    await db.deleteFrom("session").where("id", "=", sessionId).execute();
    return null;
  }
  let renewedUntil: Date | null = null;
  if (expires_at.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS) {
    renewedUntil = new Date(Math.min(now.getTime() + INACTIVITY_TIMEOUT_MS, absolute_expires_at.getTime()));
    await db.updateTable("session").set({ expires_at: renewedUntil }).where("id", "=", sessionId).execute();
  }
  return { user: user as User, sessionId, renewedUntil };
}

export async function invalidateSession(db: DbOrTrx, sessionId: string) {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

export async function invalidateUserSessions(db: DbOrTrx, userId: string, exceptSessionId?: string) {
  let query = db.deleteFrom("session").where("user_id", "=", userId);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function sessionCookieHeader(token: string, expires: Date) {
  return sessionCookie.serialize(token, { expires });
}

export function clearSessionCookieHeader() {
  return sessionCookie.serialize("", { maxAge: 0 });
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function currentUser(context: Readonly<RouterContextProvider>): User | null {
  return context.get(sessionContext)?.user ?? null;
}

/** The signed-in user, or a redirect to the sign-in page that comes back here. */
export function requireUser(context: Readonly<RouterContextProvider>, request: Request): User {
  const user = currentUser(context);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`${href("/connexion")}?retour=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}
