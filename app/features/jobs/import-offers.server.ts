import type { User } from "../../../db/schema/accounts";
import { withRetryingTransaction, type Db } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { logger } from "../../lib/logger.server";
import { decodeCsvBytes, parseCsv } from "../projects/csv";
import { todayInParis } from "../projects/dates";
import * as q from "./offers-queries.server";
import { toOfferValues } from "./offers.server";
import { actsForPartner, requirePartnerStaff } from "./partners.server";
import { OfferSchema, type OfferInput } from "./schemas-offers";

export const IMPORT_MAX_ROWS = 500;
export const IMPORT_MAX_BYTES = 512 * 1024;

/**
 * The columns an import file may have, by the offer field each fills: French
 * names first (what a partner's spreadsheet says), the English ones too.
 * `ref` is the partner's own reference: the key that makes re-importing safe.
 */
const COLUMNS = {
  ref: ["reference", "ref", "external ref", "external_ref", "id"],
  title: ["titre", "intitule", "title"],
  description: ["description"],
  sector: ["secteur", "sector"],
  contract: ["contrat", "type de contrat", "contract"],
  durationMonths: ["duree mois", "duree", "duration months", "duration"],
  workingTime: ["temps de travail", "temps", "working time"],
  hoursPerWeek: ["heures par semaine", "heures", "hours per week", "hours"],
  commune: ["commune", "ville", "town"],
  businessZone: ["zone d'activite", "zone", "business zone"],
  startsOn: ["debut", "date de debut", "starts on", "start date"],
  howToApply: ["candidater", "comment candidater", "candidature", "how to apply"],
  noDiploma: ["sans diplome", "accessible sans diplome", "no diploma"],
  expiresOn: ["expire le", "date d'expiration", "expiration", "expires on"],
  skills: ["competences", "competences pix", "skills"],
} as const;
type Column = keyof typeof COLUMNS;

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/[\s_]+/g, " ")
    .trim();

/** French words a partner's file may use for the coded fields. */
const WORDS: Record<string, Record<string, string>> = {
  workingTime: {
    "temps plein": "full_time",
    plein: "full_time",
    "temps partiel": "part_time",
    partiel: "part_time",
    "full time": "full_time",
    "part time": "part_time",
  },
  sector: {
    industrie: "industry",
    btp: "building",
    batiment: "building",
    artisanat: "crafts",
    recherche: "research",
    "r&d": "research",
    commerce: "retail",
    logistique: "logistics",
    transport: "logistics",
    restauration: "hospitality",
    "hotellerie restauration": "hospitality",
    sante: "care",
    "aide a la personne": "care",
    "service public": "public",
    autre: "other",
  },
  contract: {
    alternance: "apprenticeship",
    apprentissage: "apprenticeship",
    stage: "internship",
    saisonnier: "seasonal",
    interim: "interim",
    independant: "freelance",
  },
};

export type ImportStatus = "created" | "updated" | "unchanged" | "error";
export interface ImportProblem {
  /** The offer field (the column) the problem is about, or "ref" / "row". */
  field: string;
  messageKey: string;
}
export interface ImportRowReport {
  /** The row's line in the file (the header is line 1), or its position in a JSON array (from 1). */
  line: number;
  ref: string;
  title: string;
  status: ImportStatus;
  problems: ImportProblem[];
  offerId?: string;
}

type RawRow = { line: number; values: Partial<Record<Column, unknown>> };

function fromCsv(text: string): RawRow[] {
  const rows = parseCsv(text);
  const header = rows.shift();
  if (!header) throw appError(400, "import_empty", "jobs:errors.import_empty");
  const positions = new Map<Column, number>();
  header.cells.forEach((cell, i) => {
    const name = fold(cell);
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (names.includes(name) && !positions.has(column)) positions.set(column, i);
    }
  });
  if (!positions.has("ref") || !positions.has("title")) throw appError(400, "import_columns", "jobs:errors.import_columns");
  return rows.map(({ line, cells }) => ({
    line,
    values: Object.fromEntries([...positions].map(([column, i]) => [column, (cells[i] ?? "").trim()])),
  }));
}

function fromJson(text: string): RawRow[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw appError(400, "import_json", "jobs:errors.import_json");
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { offers?: unknown })?.offers;
  if (!Array.isArray(list)) throw appError(400, "import_json", "jobs:errors.import_json");
  return list.map((item, i) => {
    const values: Partial<Record<Column, unknown>> = {};
    if (item && typeof item === "object") {
      for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
        const name = fold(key.replace(/([a-z])([A-Z])/g, "$1 $2"));
        const column = (Object.keys(COLUMNS) as Column[]).find(
          (c) => fold(c.replace(/([a-z])([A-Z])/g, "$1 $2")) === name || (COLUMNS[c] as readonly string[]).includes(name),
        );
        if (column)
          values[column] = Array.isArray(value)
            ? value.map(String)
            : typeof value === "number" || typeof value === "boolean"
              ? value
              : value == null
                ? ""
                : String(value);
      }
    }
    return { line: i + 1, values };
  });
}

/** The file's text: JSON when it looks like JSON (or is named .json), CSV otherwise. */
export async function readOffersFile(file: File | undefined, pasted: string | undefined): Promise<string> {
  if (file && file.size > 0) {
    if (file.size > IMPORT_MAX_BYTES)
      throw appError(413, "file_too_large", "files:errors.too_large", {
        max: 0.5,
      });
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.includes(0))
      throw appError(415, "file_type", "files:errors.type", {
        allowed: "CSV, JSON",
      });
    return decodeCsvBytes(bytes);
  }
  if (pasted?.trim()) return pasted;
  throw appError(400, "import_empty", "jobs:errors.import_empty");
}

function normalise(values: Partial<Record<Column, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const field of ["workingTime", "contract", "sector"] as const) {
    const v = values[field];
    if (typeof v === "string") out[field] = WORDS[field]?.[fold(v)] ?? fold(v).replace(/ /g, "_");
  }
  for (const field of ["startsOn", "expiresOn"] as const) {
    // Spreadsheets write 31/12/2026: accept it beside the ISO form.
    const m = typeof values[field] === "string" ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(values[field] as string) : null;
    if (m) out[field] = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  }
  return out;
}

const sameSkills = (a: readonly { competence: string; level: number | null }[], b: readonly { competence: string; level: number | null }[]) =>
  a.length === b.length && a.every((s, i) => s.competence === b[i]!.competence && s.level === b[i]!.level);

/**
 * Imports a partner's offers from CSV or JSON. Each row is checked, then
 * written in its own transaction (the offer and its skills, or nothing), keyed
 * by the partner's reference: a new reference creates a pending offer, a
 * changed one updates it and sends it back to moderation, an identical one
 * changes nothing — the same file imported twice gives the same offers.
 */
export async function importOffers(db: Db, user: User, input: { partnerId?: string; text: string; format?: "csv" | "json" }, now = new Date()) {
  const { partnerIds } = await requirePartnerStaff(db, user);
  const partnerId = input.partnerId || (partnerIds.length === 1 ? partnerIds[0] : undefined);
  if (!partnerId || !(await actsForPartner(db, user, partnerId))) throw appError(400, "partner_choose", "jobs:errors.partner_choose");
  const isJson = input.format ? input.format === "json" : /^\s*[[{]/.test(input.text);
  const rows = isJson ? fromJson(input.text) : fromCsv(input.text);
  if (rows.length === 0) throw appError(400, "import_empty", "jobs:errors.import_empty");
  if (rows.length > IMPORT_MAX_ROWS)
    throw appError(400, "import_too_many", "jobs:errors.import_too_many", {
      max: IMPORT_MAX_ROWS,
    });

  const today = todayInParis(now);
  const seen = new Set<string>();
  const report: ImportRowReport[] = [];
  for (const row of rows) {
    const ref = String(row.values.ref ?? "").trim();
    const entry: ImportRowReport = {
      line: row.line,
      ref,
      title: String(row.values.title ?? "").trim(),
      status: "error",
      problems: [],
    };
    report.push(entry);
    if (!ref || ref.length > 100)
      entry.problems.push({
        field: "ref",
        messageKey: "jobs:errors.ref_required",
      });
    else if (seen.has(ref))
      entry.problems.push({
        field: "ref",
        messageKey: "jobs:errors.ref_duplicate",
      });
    seen.add(ref);
    const values = normalise(row.values);
    const parsed = OfferSchema.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) entry.problems.push({ field: String(issue.path[0] ?? "row"), messageKey: issue.message });
    }
    // Said even when another field is wrong too: the partner fixes the whole row at once.
    if (typeof values.expiresOn === "string" && /^\d{4}-\d{2}-\d{2}$/.test(values.expiresOn) && values.expiresOn < today) {
      entry.problems.push({ field: "expiresOn", messageKey: "jobs:errors.expires_past" });
    }
    if (entry.problems.length || !parsed.success) continue;
    try {
      Object.assign(entry, await importRow(db, user, partnerId, ref, parsed.data));
    } catch (error) {
      logger.error({ err: error, line: row.line }, "job offer import row failed");
      entry.problems.push({
        field: "row",
        messageKey: "jobs:errors.import_unexpected",
      });
    }
  }
  return { partnerId, report, counts: countStatuses(report) };
}

async function importRow(db: Db, user: User, partnerId: string, ref: string, input: OfferInput) {
  return withRetryingTransaction(db, async (trx) => {
    let existing = await q.lockOfferByRef(trx, partnerId, ref);
    if (!existing) {
      const created = await q.insertOffer(trx, {
        ...toOfferValues(input),
        partner_id: partnerId,
        created_by: user.id,
        external_ref: ref,
      });
      if (created) {
        await q.replaceSkills(trx, created.id, input.skills);
        return { status: "created" as const, offerId: created.id };
      }
      // Another import of the same file got there first: update that one.
      existing = await q.lockOfferByRef(trx, partnerId, ref);
    }
    const offer = existing!;
    const values = toOfferValues(input);
    const stored = (await q.skillsOf(trx, [offer.id])).map((s) => ({
      competence: s.competence,
      level: s.level,
    }));
    const unchanged =
      (Object.keys(values) as (keyof typeof values)[]).every((k) => {
        const a = offer[k] instanceof Date ? (offer[k] as Date).toISOString().slice(0, 10) : offer[k];
        return (a ?? null) === (values[k] ?? null);
      }) && sameSkills(stored, input.skills);
    if (unchanged) return { status: "unchanged" as const, offerId: offer.id };
    // A closed offer the partner publishes again elsewhere comes back through moderation too.
    await q.updateOffer(trx, offer.id, { ...values, status: "pending" });
    await q.replaceSkills(trx, offer.id, input.skills);
    return { status: "updated" as const, offerId: offer.id };
  });
}

function countStatuses(report: ImportRowReport[]) {
  const counts: Record<ImportStatus, number> = {
    created: 0,
    updated: 0,
    unchanged: 0,
    error: 0,
  };
  for (const r of report) counts[r.status]++;
  return counts;
}
