import { href } from "react-router";
import { notify, mayMail } from "../notifications/service.server";
import type { User } from "../../../db/schema/accounts";
import type { Classroom } from "../../../db/schema/classrooms";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError, forbidden, FieldError } from "../../lib/errors";
import { buildCalendar, type CalendarEvent } from "../../lib/ics.server";
import { absoluteUrl, calendarEvent } from "./calendar.server";
import { notifyRegistered } from "./mails.server";
import { formatDateTime, type Locale } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { isUuid } from "../../lib/ids";
import type { PeriodicJob } from "../../lib/jobs.server";
import { queueMail } from "../../lib/mail.server";
import { can } from "../../lib/permissions";
import { findUserByEmail, findUserById } from "../accounts/service.server";
import { accessTo, classNotFound, joinWindow, loadClassAccess, opensAt } from "./access.server";
import { livekitConfig } from "./livekit.server";
import * as q from "./queries.server";
import type { ScheduleClassInput } from "./schemas";
import { listPublishedCourseTitles } from "../courses/learning.server";
import { listClassStepTargets } from "../paths/definitions.server";


export async function schedulingFormData(db: Db, actor: User) {
  if (!can(actor, "create:classroom:own")) throw forbidden();
  const [staff, pathSteps, courses] = await Promise.all([q.listStaff(db), listClassStepTargets(db), listPublishedCourseTitles(db)]);
  // What a class can be linked to: a path's class step (attendance then counts for it) or a course.
  return { staff, pathSteps, courses: courses.map((c) => ({ value: href("/cours/:slug", { slug: c.slug }), title: c.title })) };
}

export async function scheduleClass(db: Db, actor: User, input: ScheduleClassInput, now = new Date()) {
  if (!can(actor, "create:classroom:own")) throw forbidden();
  // Scheduling for someone else is a coordinator's job; staff schedule their own classes.
  if (input.hostId !== actor.id && !can(actor, "create:classroom:any")) throw new FieldError("hostId", "classrooms:errors.host_not_you");
  if (input.startsAt.getTime() <= now.getTime()) throw new FieldError("startsAt", "classrooms:errors.start_past");
  const cohostIds = [...new Set(input.cohostIds ?? [])].filter((id) => id !== input.hostId);
  const staff = await q.findActiveStaff(db, [input.hostId, ...cohostIds]);
  if (!staff.some((s) => s.id === input.hostId)) throw new FieldError("hostId", "classrooms:errors.host_invalid");
  if (staff.length !== cohostIds.length + 1) throw new FieldError("cohostIds", "classrooms:errors.cohost_invalid");
  const id = crypto.randomUUID();
  return db.transaction().execute(async (trx) => {
    const classroom = await q.insertClassroom(trx, {
      id,
      title: input.title,
      description: input.description || null,
      linked_path: input.linkedPath || null,
      starts_at: input.startsAt,
      ends_at: new Date(input.startsAt.getTime() + input.durationMinutes * 60_000),
      capacity: input.capacity,
      host_id: input.hostId,
      created_by: actor.id,
      recording_enabled: input.recordingEnabled === "on",
      room_name: `passerelle-classe-${id}`,
    });
    await q.insertCohosts(trx, classroom.id, cohostIds);
    return classroom;
  });
}

export async function listClassesPage(db: Db, user: User | null, now = new Date()) {
  const [upcoming, mine] = await Promise.all([
    q.listUpcomingClasses(db, now),
    user ? q.listClassesOfUser(db, user.id) : Promise.resolve([]),
  ]);
  const norm = <T extends { registered_count: string | null }>(rows: T[]) =>
    rows.map((r) => ({ ...r, registered_count: Number(r.registered_count ?? 0) }));
  const mineRows = norm(mine);
  const mineIds = new Set(mineRows.map((c) => c.id));
  const isPast = (c: { ends_at: Date; cancelled_at: Date | null; ended_at: Date | null }) =>
    c.ends_at.getTime() <= now.getTime() || !!c.cancelled_at || !!c.ended_at;
  return {
    /** Open classes the user is not in yet. */
    upcoming: norm(upcoming).filter((c) => !mineIds.has(c.id)),
    mineUpcoming: mineRows.filter((c) => !isPast(c)).reverse(),
    minePast: mineRows.filter(isPast),
    canSchedule: can(user, "create:classroom:own"),
    livekitConfigured: !!livekitConfig(),
  };
}

export async function classPage(db: Db, user: User | null, classroomId: string, now = new Date()) {
  const access = await loadClassAccess(db, user, classroomId);
  const { classroom } = access;
  const [host, cohosts, seatsTaken] = await Promise.all([
    classroom.host_id ? findUserById(db, classroom.host_id) : Promise.resolve(undefined),
    q.listCohosts(db, classroom.id),
    q.countSeatsTaken(db, classroom.id),
  ]);
  const registrants = access.canModerate ? await q.listRegistrants(db, classroom.id) : [];
  const myLearners = user && can(user, "create:learner:own") ? await q.listLearnersCreatedBy(db, user.id) : [];
  return {
    classroom,
    host: host ? { firstName: host.first_name, lastName: host.last_name } : null,
    cohosts,
    seatsTaken,
    window: joinWindow(classroom, now),
    opensAt: opensAt(classroom),
    viewer: {
      signedIn: !!user,
      registered: !!access.registration && !access.registration.removed_at,
      removed: !!access.registration?.removed_at,
      isHost: access.isHost || access.isCohost,
      canModerate: access.canModerate,
      canRegisterOthers: access.canModerate || myLearners.length > 0,
    },
    registrants: registrants.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      canSpeak: r.can_speak,
      removed: !!r.removed_at,
    })),
    myLearners,
    livekitConfigured: !!livekitConfig(),
  };
}

function requireOpenForRegistration(classroom: Classroom, now: Date) {
  if (classroom.cancelled_at) throw appError(409, "cancelled", "classrooms:errors.cancelled");
  if (joinWindow(classroom, now) === "closed") throw appError(409, "closed", "classrooms:errors.registration_closed");
}

async function registerInTransaction(db: Db, classroomId: string, learnerId: string, registeredBy: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    // The lock on the class row serialises registrations: the seat count cannot be overtaken.
    const classroom = await q.lockClassroom(trx, classroomId);
    if (!classroom) throw classNotFound();
    requireOpenForRegistration(classroom, now);
    const existing = await q.findRegistration(trx, classroomId, learnerId);
    if (existing?.removed_at) throw appError(403, "removed", "classrooms:errors.removed");
    if (existing) return { classroom, created: false };
    if ((await q.countSeatsTaken(trx, classroomId)) >= classroom.capacity) throw appError(409, "full", "classrooms:errors.full");
    const created = await q.insertRegistration(trx, classroomId, learnerId, registeredBy);
    // Queued in the registration's transaction: a registration rolled back mails nothing.
    await notifyRegistered(trx, classroom, learnerId);
    return { classroom, created };
  });
}

export async function registerSelf(db: Db, user: User, classroomId: string, now = new Date()) {
  const access = await loadClassAccess(db, user, classroomId);
  if (access.isHost || access.isCohost) throw appError(409, "host_registration", "classrooms:errors.host_registration");
  return registerInTransaction(db, classroomId, user.id, user.id, now);
}

export async function unregisterSelf(db: Db, user: User, classroomId: string, now = new Date()) {
  const { classroom } = await loadClassAccess(db, user, classroomId);
  if (joinWindow(classroom, now) === "closed") throw appError(409, "closed", "classrooms:errors.registration_closed");
  await q.deleteRegistration(db, classroomId, user.id);
}

/**
 * A host (or co-host, or the coordination) registers any learner; a mediator
 * registers the learners whose accounts they created, for any class.
 */
export async function registerLearner(
  db: Db,
  actor: User,
  classroomId: string,
  input: { learnerId?: string; email?: string },
  now = new Date(),
) {
  const access = await loadClassAccess(db, actor, classroomId);
  const learner = input.learnerId
    ? isUuid(input.learnerId)
      ? await findUserById(db, input.learnerId)
      : undefined
    : await findUserByEmail(db, input.email!);
  if (!learner || learner.disabled_at) throw new FieldError(input.learnerId ? "learnerId" : "email", "classrooms:errors.learner_unknown");
  const ownLearner = learner.created_by === actor.id && can(actor, "create:learner:own");
  if (!access.canModerate && !ownLearner) throw forbidden();
  if (learner.id === access.classroom.host_id) throw new FieldError("email", "classrooms:errors.host_registration");
  const result = await registerInTransaction(db, classroomId, learner.id, actor.id, now);
  return { ...result, learner: { id: learner.id, firstName: learner.first_name } };
}

export async function unregisterLearner(db: Db, actor: User, classroomId: string, learnerId: string, now = new Date()) {
  const access = await loadClassAccess(db, actor, classroomId);
  if (!access.canModerate) throw forbidden();
  if (joinWindow(access.classroom, now) === "closed") throw appError(409, "closed", "classrooms:errors.registration_closed");
  if (isUuid(learnerId)) await q.deleteRegistration(db, classroomId, learnerId);
}

/** Cancels the class and tells every registrant, in their language, through the outbox. */
export async function cancelClass(db: Db, actor: User, classroomId: string, now = new Date()) {
  const access = await loadClassAccess(db, actor, classroomId);
  if (!access.canModerate) throw forbidden();
  if (joinWindow(access.classroom, now) === "closed") throw appError(409, "closed", "classrooms:errors.already_over");
  return db.transaction().execute(async (trx) => {
    const cancelled = await q.cancelClassroom(trx, classroomId, now);
    if (!cancelled) return { notified: 0 };
    const registrants = await q.listRegistrants(trx, classroomId);
    let notified = 0;
    for (const r of registrants) {
      if (!r.email || r.removed_at || !(await mayMail(trx, r.id))) continue;
      const t = serverT(r.locale);
      await queueMail(trx, {
        to: r.email,
        subject: t("classrooms:mail.cancelled_subject", { title: cancelled.title }),
        text: t("classrooms:mail.cancelled_body", {
          name: r.first_name,
          title: cancelled.title,
          when: formatDateTime(cancelled.starts_at, r.locale),
          link: absoluteUrl(href("/classes")),
        }),
        dedupeKey: `classroom-cancelled:${classroomId}:${r.id}`,
        locale: r.locale,
        userId: r.id,
      });
      notified++;
    }
    return { notified };
  });
}

export const REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;

/**
 * Queues the reminder of every registration whose class starts within the
 * next 24 hours. Safe to run from several processes at once: rows are
 * claimed with SKIP LOCKED, marked in the same transaction, and the outbox
 * dedupe key stops a second mail even if a row were claimed twice.
 */
export async function queueClassReminders(db: Db, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const due = await q.claimDueReminders(trx, now, new Date(now.getTime() + REMINDER_LEAD_MS));
    let queued = 0;
    for (const row of due) {
      if (row.email && (await mayMail(trx, row.user_id))) {
        const t = serverT(row.locale);
        await queueMail(trx, {
          to: row.email,
          subject: t("classrooms:mail.reminder_subject", { title: row.title }),
          text: t("classrooms:mail.reminder_body", {
            name: row.first_name,
            title: row.title,
            when: formatDateTime(row.starts_at, row.locale),
            link: absoluteUrl(href("/classes/:id/rejoindre", { id: row.classroom_id })),
          }),
          dedupeKey: `classroom-reminder:${row.classroom_id}:${row.user_id}`,
          locale: row.locale,
          userId: row.user_id,
        });
        queued++;
      }
      await notify(trx, { userId: row.user_id, kind: "class_starting", messageKey: "notifications:kinds.class_starting", values: { title: row.title, when: formatDateTime(row.starts_at, row.locale) }, target: { route: "classroom", params: { id: row.classroom_id } }, dedupeKey: `class-starting:${row.classroom_id}:${row.user_id}`, mailedByCaller: true });
      await q.markReminded(trx, row.classroom_id, row.user_id, now);
    }
    return { queued, claimed: due.length };
  });
}

/** The .ics of one class: for the people in it (host, co-hosts, registrants) and moderators. */
export async function classCalendar(db: Db, user: User, classroomId: string) {
  const id = classroomId.replace(/\.ics$/, "");
  if (!isUuid(id)) throw classNotFound();
  const classroom = await q.findClassroom(db, id);
  if (!classroom) throw classNotFound();
  const access = await accessTo(db, user, classroom);
  if (!access.canModerate && !access.isHost && !access.isCohost && !access.registration) throw forbidden();
  const t = serverT(user.locale);
  return {
    body: buildCalendar(classroom.title, [calendarEvent(classroom, t)], { method: classroom.cancelled_at ? "CANCEL" : "PUBLISH" }),
    filename: `classe-${classroom.id}.ics`,
  };
}

/**
 * A person's classes (hosted, co-hosted, registered and not removed) ending
 * after `from`, as events of their personal calendar feed (app/features/calendar).
 * Cancelled classes stay in, marked CANCELLED, so calendar apps remove them.
 */
export async function classCalendarEvents(db: DbOrTrx, userId: string, { from, locale }: { from: Date; locale: Locale }): Promise<CalendarEvent[]> {
  const t = serverT(locale);
  return (await q.listCalendarClassesOf(db, userId, from)).map((c) => calendarEvent(c, t));
}

/** Every 5 minutes: reminders of tomorrow's classes (idempotent, see queueClassReminders). */
export const classReminderJob: PeriodicJob = {
  name: "classroom-reminders",
  everyMs: 5 * 60 * 1000,
  run: (db, now) => queueClassReminders(db, now),
};
