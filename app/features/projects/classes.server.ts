import { href } from "react-router";
import QRCode from "qrcode";
import type { User } from "../../../db/schema/accounts";
import type { SchoolLevel } from "../../../db/schema/projects";
import { type Db, withRetryingTransaction } from "../../lib/db.server";
import { publicUrl } from "../../lib/public-url.server";
import { appError, forbidden, FieldError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can, isLearner } from "../../lib/permissions";
import { addressKey, CLASS_JOIN_LIMITS, countAttempt, forgiveAttempt } from "../../lib/throttle.server";
import { requireOpenClass, notFound, teacherClass } from "./access.server";
import { isLimited, labelPupil } from "./people";
import { isUnderConsentAge, todayInParis } from "./dates";
import { formatJoinCode, generateJoinCode, normalizeJoinCode } from "./join-code";
import * as cq from "./classes/queries.server";
import * as q from "./queries.server";

const UNIQUE_VIOLATION = "23505";

/** A fresh code, retried on the (unlikely) collision with another class's. */
async function withFreshCode<T>(work: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(generateJoinCode());
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= 5) throw error;
    }
  }
}

export async function createClass(db: Db, user: User, input: { name: string; school: string; level: SchoolLevel; schoolYear: string }) {
  if (!can(user, "create:school_class:own")) throw forbidden();
  return withFreshCode((code) => cq.insertClass(db, user.id, input, code));
}

/** The teacher's classes and projects, or the pupil's classes with their projects. */
export async function listSchoolSpace(db: Db, user: User) {
  const teaching = can(user, "manage:school_class:own") ? await cq.classesOfTeacher(db, user.id) : [];
  const coTeaching = await cq.coTaughtProjects(db, user.id);
  const learning = await cq.classesOfPupil(db, user.id);
  const projects = learning.length ? await cq.projectsOfClasses(db, learning.map((c) => c.id)) : [];
  return {
    teaching: teaching.map((c) => ({ ...c, pupils: Number(c.pupils ?? 0) })),
    coTeaching,
    learning: learning.map((c) => ({ ...c, projects: projects.filter((p) => p.class_id === c.id) })),
  };
}

export function joinUrl(code: string) {
  return `${publicUrl()}${href("/classes-scolaires/rejoindre")}?code=${formatJoinCode(code)}`;
}

/** A QR code (join link, access card) as an SVG data URL for an <img> (the CSP allows data: images). */
export async function joinQrDataUrl(url: string) {
  const svg = await QRCode.toString(url, { type: "svg", margin: 2, errorCorrectionLevel: "M", color: { dark: "#000000", light: "#ffffff" } });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/** Everything the class page shows its teacher. */
export async function getClassForTeacher(db: Db, user: User, classId: string) {
  const schoolClass = await teacherClass(db, user, classId);
  const today = todayInParis();
  const rows = await q.pupilRows(db, { classId: schoolClass.id });
  const madeHere = new Set((await cq.accountsMadeForClass(db, schoolClass.id)).map((p) => p.user_id));
  const pupils = rows
    .filter((r) => r.userId)
    .map((r) => ({
      ...labelPupil(r, { kind: "teacher", userId: user.id }, today),
      hasCardAccount: madeHere.has(r.userId!),
      underAge: !!r.birthDate && isUnderConsentAge(r.birthDate, today),
      hasConsent: r.hasConsent,
      limited: isLimited(r, today),
    }));
  const projects = await cq.projectsOfClass(db, schoolClass.id);
  const code = schoolClass.join_code;
  const url = code ? joinUrl(code) : null;
  return {
    schoolClass,
    pupils,
    projects: projects.map((p) => ({ id: p.id, title: p.title, shared: p.class_id !== schoolClass.id })),
    join: code && url ? { code: formatJoinCode(code), url, qr: await joinQrDataUrl(url) } : null,
  };
}

/** The class as a pupil sees it: its name and projects, never the list of classmates. */
export async function getClassForPupil(db: Db, user: User, classId: string) {
  const schoolClass = isUuid(classId) ? await q.findClass(db, classId) : undefined;
  const seat = schoolClass && !schoolClass.personal_data_purged_at ? await q.findSeatOfUser(db, schoolClass.id, user.id) : undefined;
  if (!schoolClass || !seat) throw notFound("class");
  const projects = await cq.projectsOfClassForSeat(db, schoolClass.id, seat.id);
  return {
    schoolClass: { id: schoolClass.id, name: schoolClass.name, school: schoolClass.school, schoolYear: schoolClass.school_year, archivedAt: schoolClass.archived_at },
    projects,
  };
}

/** Teacher's page or pupil's page, whichever the user is entitled to (404 otherwise). */
export async function getClassPage(db: Db, user: User, classId: string) {
  if (isUuid(classId)) {
    const found = await q.findClass(db, classId);
    if (found && found.teacher_id === user.id) return { kind: "teacher" as const, ...(await getClassForTeacher(db, user, classId)) };
  }
  return { kind: "pupil" as const, ...(await getClassForPupil(db, user, classId)) };
}

export async function renewJoinCode(db: Db, user: User, classId: string) {
  const schoolClass = await teacherClass(db, user, classId);
  requireOpenClass(schoolClass);
  await withFreshCode((code) => cq.setJoinCode(db, schoolClass.id, code));
}

export async function closeJoining(db: Db, user: User, classId: string) {
  const schoolClass = await teacherClass(db, user, classId);
  await cq.setJoinCode(db, schoolClass.id, null);
}

export interface JoinMeta {
  ip: string | null;
}

/**
 * A pupil joins with the class code. Their birth date is asked once (it
 * decides limited mode); a second join of the same class changes nothing.
 * Wrong codes are counted like failed sign-ins (10 per 15 minutes).
 */
export async function joinClass(db: Db, user: User, input: { code: string; birthDate?: string }, meta: JoinMeta) {
  if (!can(user, "join:school_class:own") || !isLearner(user)) {
    throw appError(403, "pupils_only", "projects:errors.pupils_only");
  }
  const counters = [
    { key: `classjoin:user:${user.id}`, limit: CLASS_JOIN_LIMITS.user },
    ...(meta.ip ? [{ key: addressKey("classjoin", meta.ip), limit: CLASS_JOIN_LIMITS.address }] : []),
  ];
  if (!(await countAttempt(db, counters))) throw appError(429, "throttled", "projects:errors.join_throttled");
  const code = normalizeJoinCode(input.code);
  const schoolClass = code ? await cq.findOpenClassByCode(db, code) : undefined;
  if (!schoolClass) throw new FieldError("code", "projects:errors.code_unknown");
  await forgiveAttempt(db, counters.map((c) => c.key));
  const profile = await cq.findPupilProfile(db, user.id);
  if (!profile) {
    if (!input.birthDate) throw new FieldError("birthDate", "projects:errors.birth_date_required");
    const today = todayInParis();
    const year = Number(input.birthDate.slice(0, 4));
    if (input.birthDate > today || year < Number(today.slice(0, 4)) - 99 || year > Number(today.slice(0, 4)) - 3) {
      throw new FieldError("birthDate", "projects:errors.birth_date_invalid");
    }
  }
  try {
    return await insertSeat(db, user, schoolClass.id, profile ? undefined : input.birthDate);
  } catch (error) {
    // The same pupil joining twice at once: the unique seat decides, both land in the class.
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) return { classId: schoolClass.id, alreadyMember: true };
    throw error;
  }
}

function insertSeat(db: Db, user: User, classId: string, birthDate: string | undefined) {
  // The class's row, locked by the seat counter's update, orders concurrent joins.
  return withRetryingTransaction(db, async (trx) => {
    const existing = await q.findSeatOfUser(trx, classId, user.id);
    if (existing) return { classId, alreadyMember: true };
    if (birthDate) await cq.insertPupilProfileIfMissing(trx, user.id, birthDate);
    const number = await q.nextSeatNumber(trx, classId);
    await cq.insertSeat(trx, { classId, userId: user.id, number, joinedVia: "code" });
    return { classId, alreadyMember: false };
  });
}

/** What the join page needs before the form: is a birth date still to be asked? */
export async function joinFormNeeds(db: Db, user: User) {
  const profile = await cq.findPupilProfile(db, user.id);
  return { askBirthDate: !profile, canJoin: isLearner(user) };
}

/** Name and state of a class, for its teacher's sub-pages (import, consent). */
export async function getClassHeader(db: Db, user: User, classId: string) {
  const c = await teacherClass(db, user, classId);
  return { id: c.id, name: c.name, school: c.school, archived: !!c.archived_at };
}

/**
 * Where a pupil lands after signing in: their class (with its projects) when
 * they sit in one running class, the school space when in several, null when
 * the person is not a pupil.
 */
export async function pupilLanding(db: Db, user: Pick<User, "id" | "role">): Promise<{ classId: string } | { all: true } | null> {
  if (!isLearner(user)) return null;
  const classes = await q.activeClassesOfPupil(db, user.id);
  if (classes.length === 0) return null;
  return classes.length === 1 ? { classId: classes[0]!.id } : { all: true };
}
