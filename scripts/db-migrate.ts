// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the
// embedded database in ./data when it is unset. Stop the app first when it
// runs on the embedded database (PGlite allows one process per folder).
import { migrateToLatest, openDatabase } from "../app/lib/db.server";
import { env } from "../app/lib/env.server";

const opened = await openDatabase({ url: env().DATABASE_URL });
try {
  const applied = await migrateToLatest(opened.db);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database already up to date.");
} finally {
  await opened.close();
}
