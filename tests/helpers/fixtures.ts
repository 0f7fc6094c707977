import { isAppError } from "../../app/lib/errors";
import type { Role } from "../../db/schema/accounts";
import type { DbOrTrx } from "../../app/lib/db.server";
import { hashPassword } from "../../app/lib/password.server";

export const TEST_PASSWORD = "un mot de passe solide";
let hashed: Promise<string> | undefined;

let counter = 0;
export function uniqueEmail(prefix = "user") {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 6)}@test.passerelle.fr`;
}

/** A user with TEST_PASSWORD (hashed once per file: argon2 is slow on purpose). */
export async function createUser(
  db: DbOrTrx,
  { role = "learner", email = uniqueEmail(role), firstName = "Test", createdBy = null }: { role?: Role; email?: string | null; firstName?: string; createdBy?: string | null } = {},
) {
  hashed ??= hashPassword(TEST_PASSWORD);
  return db
    .insertInto("app_user")
    .values({ email, password_hash: email ? await hashed : null, first_name: firstName, role, created_by: createdBy })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The HTTP status a service call fails with (an AppError), or "ok". */
export async function statusOf(promise: Promise<unknown>): Promise<number | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (isAppError(error)) return (error.init as ResponseInit).status ?? 500;
    throw error;
  }
}
