import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { RetryTransaction, withRetryingTransaction, type Db } from "../../app/lib/db.server";
import { testDb } from "../helpers/db";

let db: Db;

beforeAll(async () => {
  db = await testDb();
});

describe("withRetryingTransaction", () => {
  it("runs the work again, in a new transaction, when it throws RetryTransaction", async () => {
    const transactions: string[] = [];
    const result = await withRetryingTransaction(db, async (trx) => {
      const { rows } = await sql<{ id: string }>`select txid_current()::text as id`.execute(trx);
      transactions.push(rows[0]!.id);
      if (transactions.length < 3) throw new RetryTransaction("lost a race");
      return "stored";
    });
    expect(result).toBe("stored");
    expect(new Set(transactions).size).toBe(3);
  });

  it("gives up after its attempts, and never retries another error", async () => {
    let runs = 0;
    await expect(
      withRetryingTransaction(
        db,
        async () => {
          runs++;
          throw new RetryTransaction("lost a race");
        },
        { attempts: 2 },
      ),
    ).rejects.toBeInstanceOf(RetryTransaction);
    expect(runs).toBe(2);
    runs = 0;
    await expect(
      withRetryingTransaction(db, async () => {
        runs++;
        throw new Error("a bug");
      }),
    ).rejects.toThrow("a bug");
    expect(runs).toBe(1);
  });
});
