// npm run db:seed — demo accounts and relay spaces (idempotent). This is the
// only way demo accounts reach a database given by DATABASE_URL.
import { demoAccountsBanner, seedDemo } from "../db/seed";
import { migrateToLatest, openDatabase } from "../app/lib/db.server";
import { env } from "../app/lib/env.server";

const opened = await openDatabase({ url: env().DATABASE_URL });
try {
  await migrateToLatest(opened.db);
  const { createdAccounts } = await seedDemo(opened.db);
  console.log(createdAccounts.length ? `Created ${createdAccounts.length} demo accounts.` : "Demo accounts already there.");
  console.log(demoAccountsBanner(env().APP_URL ?? `http://localhost:${env().PORT}`));
} finally {
  await opened.close();
}
