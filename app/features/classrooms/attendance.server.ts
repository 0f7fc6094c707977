import type { User } from "../../../db/schema/accounts";
import type { Classroom } from "../../../db/schema/classrooms";
import type { DbOrTrx } from "../../lib/db.server";
import { forbidden } from "../../lib/errors";
import { formatDate, type Locale } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { loadClassAccess } from "./access.server";
import { summariseAttendance, type AttendanceSummary, type PresenceInterval } from "./attendance";
import { SPREADSHEET_CSV, toCsv } from "../../lib/csv";
import * as live from "./live-queries.server";
import * as q from "./queries.server";

const windowOf = (c: Pick<Classroom, "starts_at" | "ends_at" | "ended_at" | "room_finished_at">) => ({
  startsAt: c.starts_at,
  endsAt: c.ends_at,
  endedAt: c.ended_at,
  roomFinishedAt: c.room_finished_at,
});

export interface ClassAttendance {
  classroomId: string;
  title: string;
  startsAt: Date;
  minutes: number;
  percent: number;
  /** At least 75 % of the class: counts for a path step and in the learner record. */
  attended: boolean;
}

/**
 * A learner's attendance at every class they were registered in that has
 * begun (cancelled classes left out). For the learner record, paths and reports.
 */
export async function listClassAttendance(db: DbOrTrx, userId: string, now = new Date()): Promise<ClassAttendance[]> {
  const classes = (await q.listRegistrationsWithClass(db, userId)).filter(
    (c) => !c.cancelled_at && c.starts_at.getTime() <= now.getTime(),
  );
  const presence = await live.listPresenceOfUser(
    db,
    userId,
    classes.map((c) => c.id),
  );
  return classes.map((c) => {
    const intervals = presence.filter((p) => p.classroom_id === c.id).map((p) => ({ joinedAt: p.joined_at, leftAt: p.left_at }));
    const summary = summariseAttendance(intervals, windowOf(c), now);
    return { classroomId: c.id, title: c.title, startsAt: c.starts_at, minutes: summary.minutes, percent: summary.percent, attended: summary.attended };
  });
}

/** Classes a learner is registered in that have not ended yet (cancelled ones shown, so they hear of it). */
export async function listUpcomingRegistrations(db: DbOrTrx, userId: string, now = new Date()) {
  const classes = await q.listRegistrationsWithClass(db, userId);
  return classes
    .filter((c) => !c.ended_at && c.ends_at.getTime() > now.getTime())
    .map((c) => ({ classroomId: c.id, title: c.title, startsAt: c.starts_at, endsAt: c.ends_at, cancelled: !!c.cancelled_at }))
    .reverse();
}

export interface AttendanceRow extends AttendanceSummary {
  userId: string;
  firstName: string;
  lastName: string | null;
  removed: boolean;
}

/** The host's report: every registrant's minutes and whether they count as present. */
export async function attendanceReport(db: DbOrTrx, actor: User, classroomId: string, now = new Date()) {
  const access = await loadClassAccess(db, actor, classroomId);
  if (!access.canModerate) throw forbidden();
  const { classroom } = access;
  const [registrants, presence] = await Promise.all([q.listRegistrants(db, classroom.id), live.listPresence(db, classroom.id)]);
  const byUser = new Map<string, PresenceInterval[]>();
  for (const p of presence) {
    const list = byUser.get(p.user_id) ?? [];
    list.push({ joinedAt: p.joined_at, leftAt: p.left_at });
    byUser.set(p.user_id, list);
  }
  const rows: AttendanceRow[] = registrants.map((r) => ({
    userId: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    removed: !!r.removed_at,
    ...summariseAttendance(byUser.get(r.id) ?? [], windowOf(classroom), now),
  }));
  const started = classroom.starts_at.getTime() <= now.getTime();
  return { classroom, rows, started, attendedCount: rows.filter((r) => r.attended).length };
}

export async function attendanceCsv(db: DbOrTrx, actor: User, classroomId: string, locale: Locale, now = new Date()) {
  const report = await attendanceReport(db, actor, classroomId, now);
  const t = serverT(locale);
  const header = [
    t("classrooms:csv.class"),
    t("classrooms:csv.date"),
    t("classrooms:csv.first_name"),
    t("classrooms:csv.last_name"),
    t("classrooms:csv.minutes"),
    t("classrooms:csv.duration"),
    t("classrooms:csv.percent"),
    t("classrooms:csv.attended"),
  ];
  const date = formatDate(report.classroom.starts_at, locale, { dateStyle: "short", timeStyle: "short" });
  const lines = report.rows.map((r) => [
    report.classroom.title,
    date,
    r.firstName,
    r.lastName ?? "",
    r.minutes,
    r.durationMinutes,
    r.percent,
    r.attended ? t("classrooms:csv.yes") : r.removed ? t("classrooms:csv.removed") : t("classrooms:csv.no"),
  ]);
  return { body: toCsv([header, ...lines], SPREADSHEET_CSV), filename: `presence-classe-${report.classroom.id}.csv` };
}
