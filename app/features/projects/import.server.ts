import type { User } from "../../../db/schema/accounts";
import { type Db, type DbOrTrx, withRetryingTransaction } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { logger } from "../../lib/logger.server";
import { requireOpenClass, teacherClass } from "./access.server";
import { issuePupilCard } from "./cards.server";
import { mapPupilColumns, parseCsv, decodeCsvBytes } from "./csv";
import { parseBirthDate, todayInParis } from "./dates";
import * as cq from "./classes/queries.server";
import * as q from "./queries.server";

export const IMPORT_MAX_ROWS = 200;
export const IMPORT_RULES = { maxBytes: 256 * 1024 } as const;

export type ImportReason =
  | "missing_first_name"
  | "name_too_long"
  | "bad_date"
  | "duplicate_in_file"
  | "already_in_class"
  | "class_full"
  | "unexpected";

export interface ImportRowReport {
  line: number;
  firstName: string;
  lastName: string;
  status: "created" | "error";
  reason?: ImportReason;
  seatNumber?: number;
  /** The access card's code, shown once on the report to be printed. */
  cardCode?: string;
}

const key = (first: string, last: string, birth: string) =>
  `${first}|${last}|${birth}`.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ");

/**
 * The uploaded list, or the pasted text. School software often exports in
 * Windows-1252, which checkUpload's UTF-8 rule would refuse: here a file is
 * text when it has no NUL byte (every binary format we might get has some).
 */
export async function readImportFile(file: File | null, pasted: string | undefined): Promise<string> {
  if (file && file.size > 0) {
    if (file.size > IMPORT_RULES.maxBytes) throw appError(413, "file_too_large", "files:errors.too_large", { max: 1 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.includes(0)) throw appError(415, "file_type", "files:errors.type", { allowed: "CSV" });
    return decodeCsvBytes(bytes);
  }
  if (pasted?.trim()) return pasted;
  throw appError(400, "import_empty", "projects:errors.import_empty");
}

/**
 * Creates one pupil account per good row of the list: the account, the
 * birth date, the seat in the class and the access card in one transaction
 * per row, so a row is either fully created or not at all, whatever
 * happens to the others. Every row gets a line in the report.
 */
export async function importPupils(db: Db, user: User, classId: string, csv: string): Promise<ImportRowReport[]> {
  const schoolClass = await teacherClass(db, user, classId);
  requireOpenClass(schoolClass);
  const rows = parseCsv(csv);
  const header = rows.shift();
  const columns = header ? mapPupilColumns(header.cells) : null;
  if (!columns) throw appError(400, "import_columns", "projects:errors.import_columns");
  if (rows.length === 0) throw appError(400, "import_empty", "projects:errors.import_empty");
  if (rows.length > IMPORT_MAX_ROWS) throw appError(400, "import_too_many", "projects:errors.import_too_many", { max: IMPORT_MAX_ROWS });

  const today = todayInParis();
  const inClass = new Set(
    (await q.pupilRows(db, { classId: schoolClass.id })).filter((p) => p.firstName && p.birthDate).map((p) => key(p.firstName!, p.lastName ?? "", p.birthDate!)),
  );
  const seen = new Set<string>();
  const report: ImportRowReport[] = [];
  for (const { line, cells } of rows) {
    const firstName = (cells[columns.firstName] ?? "").trim();
    const lastName = columns.lastName >= 0 ? (cells[columns.lastName] ?? "").trim() : "";
    const birthDate = parseBirthDate(cells[columns.birthDate] ?? "", today);
    const entry: ImportRowReport = { line, firstName, lastName, status: "error" };
    report.push(entry);
    if (!firstName) entry.reason = "missing_first_name";
    else if (firstName.length > 80 || lastName.length > 80) entry.reason = "name_too_long";
    else if (!birthDate) entry.reason = "bad_date";
    if (entry.reason || !birthDate) continue;
    const k = key(firstName, lastName, birthDate);
    if (seen.has(k)) {
      entry.reason = "duplicate_in_file";
      continue;
    }
    seen.add(k);
    if (inClass.has(k)) {
      entry.reason = "already_in_class";
      continue;
    }
    try {
      // The seat counter and the card holder are row locks: a deadlock or serialization failure is retried.
      const created = await withRetryingTransaction(db, (trx) => createPupil(trx, user, schoolClass.id, { firstName, lastName, birthDate }));
      Object.assign(entry, { status: "created", seatNumber: created.number, cardCode: created.cardCode });
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string; constraint_name?: string };
      const name = constraint ?? (error as { constraint_name?: string }).constraint_name;
      if (code === "23514" && (name === "school_class_capacity" || String((error as Error).message).includes("school_class_capacity"))) {
        entry.reason = "class_full";
      } else {
        logger.error({ err: error, line }, "pupil import row failed");
        entry.reason = "unexpected";
      }
    }
  }
  return report;
}

/** One row: account (no email, no password), birth date, seat, card — the caller's transaction makes it atomic. */
async function createPupil(trx: DbOrTrx, teacher: User, classId: string, pupil: { firstName: string; lastName: string; birthDate: string }) {
  const account = await cq.insertCardAccount(trx, { firstName: pupil.firstName, lastName: pupil.lastName || null, createdBy: teacher.id });
  await cq.insertImportedProfile(trx, account.id, pupil.birthDate, classId);
  const number = await q.nextSeatNumber(trx, classId);
  await cq.insertSeat(trx, { classId, userId: account.id, number, joinedVia: "import" });
  const cardCode = await issuePupilCard(trx, account.id, teacher);
  return { userId: account.id, number, cardCode };
}
