import { describe, expect, it } from "vitest";
import { FieldError } from "../../app/lib/errors";
import { deleteOwnAccount, deleteUserAsCoordinator, exportPersonalData } from "../../app/features/accounts/service.server";
import { isAppError } from "../../app/lib/errors";
import { createSession } from "../../app/lib/session.server";
import { testDb } from "../helpers/db";
import { createUser, TEST_PASSWORD } from "../helpers/fixtures";

describe("personal data (GDPR)", () => {
  it("exports the account and its sessions as one document", async () => {
    const db = await testDb();
    const user = await createUser(db);
    await createSession(db, user.id, { ip: "192.0.2.9", userAgent: "vitest" });
    const data = (await exportPersonalData(db, user)) as { account: { user: { email: string }; sessions: unknown[] } };
    expect(data.account.user.email).toBe(user.email);
    expect(data.account.sessions).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain("password_hash");
  });

  it("deletes the account only with the right password, sessions included", async () => {
    const db = await testDb();
    const user = await createUser(db);
    await createSession(db, user.id, { ip: null, userAgent: null });
    await expect(deleteOwnAccount(db, user, "pas le bon")).rejects.toBeInstanceOf(FieldError);
    expect(await db.selectFrom("app_user").select("id").where("id", "=", user.id).executeTakeFirst()).toBeTruthy();
    await deleteOwnAccount(db, user, TEST_PASSWORD);
    expect(await db.selectFrom("app_user").select("id").where("id", "=", user.id).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom("session").select("id").where("user_id", "=", user.id).executeTakeFirst()).toBeUndefined();
  });

  it("lets a coordinator, and only a coordinator, delete someone's account", async () => {
    const db = await testDb();
    const coordinator = await createUser(db, { role: "coordinator" });
    const mediator = await createUser(db, { role: "mediator" });
    const assisted = await createUser(db, { email: null, createdBy: mediator.id });
    const refused = await deleteUserAsCoordinator(db, mediator, assisted.id).catch((e) => e);
    expect(isAppError(refused) && refused.init).toMatchObject({ status: 403 });
    await deleteUserAsCoordinator(db, coordinator, assisted.id);
    expect(await db.selectFrom("app_user").select("id").where("id", "=", assisted.id).executeTakeFirst()).toBeUndefined();
  });
});

describe("schema rules for account deletion", () => {
  it("every foreign key to app_user cascades or is set to null, so deleting a person never fails", async () => {
    const db = await testDb();
    const { rows } = await (await import("kysely")).sql<{ table_name: string; column_name: string; delete_rule: string }>`
      select kcu.table_name, kcu.column_name, rc.delete_rule
      from information_schema.referential_constraints rc
      join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
      where ccu.table_name = 'app_user'
    `.execute(db);
    const offending = rows.filter((r) => !["CASCADE", "SET NULL"].includes(r.delete_rule)).map((r) => `${r.table_name}.${r.column_name} (${r.delete_rule})`);
    expect(offending).toEqual([]);
  });
});
