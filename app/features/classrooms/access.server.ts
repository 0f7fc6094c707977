import type { User } from "../../../db/schema/accounts";
import type { Classroom, ClassroomRegistration } from "../../../db/schema/classrooms";
import type { DbOrTrx } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { effectiveEnd } from "./attendance";
import * as q from "./queries.server";

/** A learner may connect from 15 minutes before the start until the end of the class. */
export const JOIN_OPENS_BEFORE_MS = 15 * 60 * 1000;

export const classNotFound = () => appError(404, "not_found", "classrooms:errors.not_found");

/** Who the user is for this class. Every verb of the domain starts here. */
export interface ClassAccess {
  classroom: Classroom;
  isHost: boolean;
  isCohost: boolean;
  /** Host, co-host or coordinator: registrant list, moderation, attendance. */
  canModerate: boolean;
  registration: ClassroomRegistration | undefined;
}

export async function loadClassAccess(db: DbOrTrx, user: User | null, classroomId: string): Promise<ClassAccess> {
  if (!isUuid(classroomId)) throw classNotFound();
  const classroom = await q.findClassroom(db, classroomId);
  if (!classroom) throw classNotFound();
  return accessTo(db, user, classroom);
}

export async function accessTo(db: DbOrTrx, user: User | null, classroom: Classroom): Promise<ClassAccess> {
  if (!user) return { classroom, isHost: false, isCohost: false, canModerate: false, registration: undefined };
  const isHost = classroom.host_id === user.id;
  const isCohost = !isHost && (await q.listCohostIds(db, classroom.id)).includes(user.id);
  const canModerate = ((isHost || isCohost) && can(user, "update:classroom:own")) || can(user, "update:classroom:any");
  const registration = await q.findRegistration(db, classroom.id, user.id);
  return { classroom, isHost, isCohost, canModerate, registration };
}

export type JoinWindowState = "cancelled" | "too_early" | "open" | "closed";

export function joinWindow(classroom: Classroom, now: Date): JoinWindowState {
  if (classroom.cancelled_at) return "cancelled";
  const end = effectiveEnd({ startsAt: classroom.starts_at, endsAt: classroom.ends_at, endedAt: classroom.ended_at });
  if (classroom.ended_at || now.getTime() >= end.getTime()) return "closed";
  if (now.getTime() < classroom.starts_at.getTime() - JOIN_OPENS_BEFORE_MS) return "too_early";
  return "open";
}

export function opensAt(classroom: Classroom) {
  return new Date(classroom.starts_at.getTime() - JOIN_OPENS_BEFORE_MS);
}
