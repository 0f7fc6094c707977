import { defineModule } from "../../lib/modules.server";
import { pruneAnonymousDiagnostics } from "./service.server";

export default defineModule({
  name: "diagnostic",
  jobs: [{ name: "prune-anonymous-diagnostics", everyMs: 24 * 60 * 60 * 1000, run: (db, now) => pruneAnonymousDiagnostics(db, now) }],
});
