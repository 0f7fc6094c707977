import { describe, expect, it } from "vitest";
import { changePassword, deleteOwnAccount, signIn } from "../../app/features/accounts/service.server";
import { issueAccessCard, signInWithAccessCard } from "../../app/features/mediation/access-card.server";
import { createAssistedAccount } from "../../app/features/mediation/learners.server";
import { FieldError, isAppError } from "../../app/lib/errors";
import { CARD_LIMIT_PER_ADDRESS, PASSWORD_RECHECK_LIMIT, SIGN_IN_LIMITS } from "../../app/lib/throttle.server";
import { testDb } from "../helpers/db";
import { createUser, TEST_PASSWORD } from "../helpers/fixtures";

const meta = (ip: string) => ({ ip, userAgent: "vitest" });

/** "checked" = the secret was compared (a wrong one answers a field error, or bad_credentials for a password), "throttled" = refused before. */
async function outcome(promise: Promise<unknown>): Promise<"ok" | "checked" | "throttled"> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof FieldError) return "checked";
    if (isAppError(error) && error.data.code === "bad_credentials") return "checked";
    if (isAppError(error) && error.data.code === "throttled") return "throttled";
    throw error;
  }
}

const tally = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});

describe("throttling counts every attempt atomically", () => {
  it("40 parallel wrong passwords on one account from one address: exactly 10 are checked; the owner elsewhere still signs in", async () => {
    const db = await testDb();
    const user = await createUser(db);
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () => outcome(signIn(db, { email: user.email!, password: "mauvais" }, meta("203.0.113.40")))),
    );
    expect(tally(outcomes)).toEqual({ checked: SIGN_IN_LIMITS.accountFromAddress, throttled: 40 - SIGN_IN_LIMITS.accountFromAddress });
    // Even the right password is refused from that address for now…
    expect(await outcome(signIn(db, { email: user.email!, password: TEST_PASSWORD }, meta("203.0.113.40")))).toBe("throttled");
    // …but the real owner, from their own address, is not locked out.
    expect(await outcome(signIn(db, { email: user.email!, password: TEST_PASSWORD }, meta("198.51.100.1")))).toBe("ok");
  });

  it("300 parallel access-card guesses from one address: at most the card limit (10) are looked up", async () => {
    const db = await testDb();
    const mediator = await createUser(db, { role: "mediator" });
    const learner = await createAssistedAccount(db, mediator, {
      firstName: "Odette",
      lastName: null,
      ageBand: "soixante_dix_plus",
      commune: "Rieux",
      communeInsee: "60537",
      audience: "seniors",
      givenBy: "personne",
      representativeName: null,
      explained: ["donnees_collectees", "finalites", "acces_mediateurs", "duree_conservation", "droits"],
      consentNotes: "Expliqué de vive voix.",
    });
    const { code } = await issueAccessCard(db, mediator, learner.id);
    const guesses = Array.from({ length: 300 }, (_, i) => `GUESS${String(i).padStart(5, "2")}`);
    const outcomes = await Promise.all(guesses.map((g) => outcome(signInWithAccessCard(db, g, meta("203.0.113.41")))));
    expect(tally(outcomes)).toEqual({ checked: CARD_LIMIT_PER_ADDRESS, throttled: 300 - CARD_LIMIT_PER_ADDRESS });
    // The person holding the real card, at another relay space, signs in.
    expect(await outcome(signInWithAccessCard(db, code, meta("198.51.100.2")))).toBe("ok");
  });

  it("throttles the current-password checks of /compte and /compte/supprimer", async () => {
    const db = await testDb();
    const user = await createUser(db);
    const change = () => changePassword(db, user, { currentPassword: "mauvais", password: "un tout nouveau mot de passe" }, meta("198.51.100.3"));
    const outcomes = await Promise.all(Array.from({ length: 15 }, () => outcome(change())));
    expect(tally(outcomes)).toEqual({ checked: PASSWORD_RECHECK_LIMIT, throttled: 15 - PASSWORD_RECHECK_LIMIT });
    // The same guard stands in front of deleting the account (same person, same counter).
    expect(await outcome(deleteOwnAccount(db, user, TEST_PASSWORD))).toBe("throttled");
    expect(await db.selectFrom("app_user").select("id").where("id", "=", user.id).executeTakeFirst()).toBeDefined();

    const other = await createUser(db);
    expect(await outcome(deleteOwnAccount(db, other, "mauvais"))).toBe("checked");
    expect(await outcome(deleteOwnAccount(db, other, TEST_PASSWORD))).toBe("ok");
  });

  it("a successful sign-in gives its attempt back: a relay space's address is not used up by people who type it right", async () => {
    const db = await testDb();
    const users = await Promise.all(Array.from({ length: SIGN_IN_LIMITS.address + 5 }, () => createUser(db)));
    for (const u of users) expect(await outcome(signIn(db, { email: u.email!, password: TEST_PASSWORD }, meta("192.0.2.50")))).toBe("ok");
    const counter = await db.selectFrom("throttle_counter").selectAll().where("throttle_key", "=", "signin:ip:192.0.2.50").executeTakeFirstOrThrow();
    expect(counter.attempts).toBe(0);
  });
});
