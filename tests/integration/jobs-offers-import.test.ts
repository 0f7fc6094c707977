import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "../../db/schema/accounts";
import type { Db } from "../../app/lib/db.server";
import { importOffers } from "../../app/features/jobs/import-offers.server";
import { getPublishedOffer, moderateOffer } from "../../app/features/jobs/offers.server";
import { attachPartnerStaff, createPartner } from "../../app/features/jobs/partners.server";
import { todayInParis } from "../../app/features/projects/dates";
import { serverT } from "../../app/lib/i18n.server";
import { testDb } from "../helpers/db";
import { createUser, statusOf } from "../helpers/fixtures";

let db: Db;
let coordinator: User;
let staff: User;
let otherStaff: User;
let partnerId: string;

const later = todayInParis(new Date(Date.now() + 60 * 86_400_000));
const [y, m, d] = later.split("-");

// Semicolons and French column names, as a French spreadsheet writes them; one date in the dd/mm/yyyy form.
const CSV = [
  "Référence;Titre;Secteur;Contrat;Durée mois;Temps de travail;Commune;Candidater;Sans diplôme;Expire le;Compétences",
  `V-001;Agent·e de conditionnement;industrie;CDI;;temps plein;Rieux;CV à rh@verrerie.fr;oui;${later};2.1:2 4.1`,
  `V-002;Cariste;Industry;interim;3;temps plein;Rieux;Agence Intérim Rieux;non;${d}/${m}/${y};5.1`,
  `V-003;;industrie;CDI;;temps plein;Rieux;CV;oui;${later};`,
  `V-004;Magasinier;logistique;CDD;;temps plein;Rieux;CV;oui;${later};9.9`,
  `V-001;Doublon;industrie;CDI;;temps plein;Rieux;CV;oui;${later};`,
  `;Sans référence;industrie;CDI;;temps plein;Rieux;CV;oui;${later};`,
  `V-005;Régleur;industrie;contrat pro;;temps plein;Rieux;CV;oui;2020-01-01;`,
].join("\r\n");

beforeAll(async () => {
  db = await testDb();
  [coordinator, staff, otherStaff] = await Promise.all([
    createUser(db, { role: "coordinator" }),
    createUser(db, { role: "partner" }),
    createUser(db, { role: "partner" }),
  ]);
  const base = {
    kind: "employer" as const,
    sector: "industry" as const,
    commune: "Rieux",
    businessZone: null,
    description: "",
    website: null,
    contactEmail: null,
    contactPhone: null,
  };
  partnerId = (await createPartner(db, coordinator, { ...base, name: "Verrerie" })).id;
  const other = (await createPartner(db, coordinator, { ...base, name: "Autre" })).id;
  await attachPartnerStaff(db, partnerId, staff.id);
  await attachPartnerStaff(db, other, otherStaff.id);
});

const offersOfPartner = () =>
  db.selectFrom("job_offer").select(["id", "external_ref", "title", "status"]).where("partner_id", "=", partnerId).orderBy("external_ref").execute();

describe("importing a partner's offers (acceptance 2)", () => {
  let firstIds: string[];

  it("imports the good rows once each, pending moderation, and explains every bad row with its line and field", async () => {
    const { report, counts } = await importOffers(db, staff, { text: CSV });
    expect(counts).toEqual({ created: 2, updated: 0, unchanged: 0, error: 5 });
    expect(report.map((r) => [r.line, r.ref, r.status])).toEqual([
      [2, "V-001", "created"],
      [3, "V-002", "created"],
      [4, "V-003", "error"],
      [5, "V-004", "error"],
      [6, "V-001", "error"],
      [7, "", "error"],
      [8, "V-005", "error"],
    ]);
    const problems = Object.fromEntries(
      report.filter((r) => r.status === "error").map((r) => [r.line, r.problems.map((p) => `${p.field} ${p.messageKey}`)]),
    );
    expect(problems).toEqual({
      4: ["title jobs:errors.title_required"],
      5: ["skills jobs:errors.skill_invalid"],
      6: ["ref jobs:errors.ref_duplicate"],
      7: ["ref jobs:errors.ref_required"],
      8: ["contract jobs:errors.contract_invalid", "expiresOn jobs:errors.expires_past"],
    });
    // Explained in French (and English): every message exists in both.
    const fr = serverT("fr");
    const en = serverT("en");
    expect(fr("jobs:errors.title_required")).toBe("Indiquez l'intitulé du poste.");
    expect(fr("jobs:errors.contract_invalid")).toContain("Choisissez un type de contrat");
    for (const p of report.flatMap((r) => r.problems)) {
      expect(fr(p.messageKey)).not.toBe(p.messageKey.split(":")[1]);
      expect(en(p.messageKey)).not.toBe(fr(p.messageKey));
    }
    const rows = await offersOfPartner();
    expect(rows.map((r) => [r.external_ref, r.status])).toEqual([
      ["V-001", "pending"],
      ["V-002", "pending"],
    ]);
    firstIds = rows.map((r) => r.id);
    const skills = await db
      .selectFrom("job_offer_skill")
      .select(["competence", "level"])
      .where("offer_id", "=", firstIds[0]!)
      .orderBy("competence")
      .execute();
    expect(skills).toEqual([
      { competence: "2.1", level: 2 },
      { competence: "4.1", level: null },
    ]);
  });

  it("the same file again changes nothing: same offers, none duplicated, a published one stays published", async () => {
    await moderateOffer(db, coordinator, { offerId: firstIds[0]!, intent: "publish", note: "" });
    const { counts } = await importOffers(db, staff, { text: CSV });
    expect(counts).toEqual({ created: 0, updated: 0, unchanged: 2, error: 5 });
    const rows = await offersOfPartner();
    expect(rows.map((r) => r.id)).toEqual(firstIds);
    expect(rows.map((r) => r.status)).toEqual(["published", "pending"]);
    expect(await getPublishedOffer(db, firstIds[0]!)).not.toBeNull();
  });

  it("a changed row updates its offer (same id) and sends it back to moderation; JSON works the same", async () => {
    const json = JSON.stringify([
      {
        reference: "V-001",
        title: "Agent·e de conditionnement (H/F)",
        sector: "industry",
        contract: "cdi",
        workingTime: "full_time",
        commune: "Rieux",
        howToApply: "CV à rh@verrerie.fr",
        noDiploma: true,
        expiresOn: later,
        skills: ["2.1:2", "4.1"],
      },
      {
        reference: "V-010",
        title: "Sans contrat",
        sector: "industry",
        workingTime: "full_time",
        commune: "Rieux",
        howToApply: "CV",
        expiresOn: later,
      },
    ]);
    const { report, counts } = await importOffers(db, staff, { text: json });
    expect(counts).toEqual({ created: 0, updated: 1, unchanged: 0, error: 1 });
    expect(report[1]!.problems).toEqual([{ field: "contract", messageKey: "jobs:errors.contract_invalid" }]);
    const rows = await offersOfPartner();
    expect(rows.map((r) => r.id)).toEqual(firstIds);
    expect(rows[0]).toMatchObject({ title: "Agent·e de conditionnement (H/F)", status: "pending" });
  });

  it("two imports of the same file at once still make one offer per reference", async () => {
    const text = `reference,title,sector,contract,working time,commune,how to apply,expires on\r\nP-1,Préparateur,retail,cdi,part time,Rieux,En magasin,${later}\r\n`;
    const results = await Promise.all([importOffers(db, staff, { text }), importOffers(db, staff, { text })]);
    expect(results.flatMap((r) => r.report.map((x) => x.status)).sort()).toEqual(["created", "unchanged"]);
    expect((await offersOfPartner()).filter((r) => r.external_ref === "P-1")).toHaveLength(1);
  });

  it("a partner imports only for its own organisation; a file without the key columns is refused", async () => {
    expect(await statusOf(importOffers(db, otherStaff, { partnerId, text: CSV }))).toBe(400);
    expect(await statusOf(importOffers(db, staff, { text: "titre;commune\r\nX;Rieux\r\n" }))).toBe(400);
    expect(await statusOf(importOffers(db, staff, { text: "[oops" }))).toBe(400);
    expect((await offersOfPartner()).length).toBe(3);
  });
});
