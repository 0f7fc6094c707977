import { href } from "react-router";
import { defineModule } from "../../lib/modules.server";
import { can } from "../../lib/permissions";
import type { PeriodicJob } from "../../lib/jobs.server";
import type { PersonalDataSource } from "../../lib/personal-data.server";
import * as q from "./queries.server";
import { providerButtons } from "./providers.server";
import { purgeExpiredSignIns } from "./service.server";

/** Sign-ins never finished leave rows that are already useless (each is checked for expiry when used). */
const purgeSignInsJob: PeriodicJob = { name: "oidc-purge-sign-ins", everyMs: 60 * 60 * 1000, run: (db, now) => purgeExpiredSignIns(db, now) };

/** Linked identities for « download my data »; they go with the account (ON DELETE CASCADE). */
const oidcPersonalData: PersonalDataSource = {
  name: "oidc",
  async collect(db, userId) {
    const identities = await q.identitiesOfUser(db, userId);
    return identities.map((i) => ({ provider: i.provider_id, issuer: i.issuer, subject: i.subject, linkedAt: i.linked_at, lastUsedAt: i.last_used_at }));
  },
};

export default defineModule({
  name: "oidc",
  jobs: [purgeSignInsJob],
  personalData: [oidcPersonalData],
  nav: [{ to: href("/admin/connexion-oidc"), labelKey: "oidc:nav.admin", section: "staff", order: 115, visible: (u) => can(u, "manage:oidc_role_mapping:any") && providerButtons().length > 0 }],
});
