import type { DbOrTrx } from "../../lib/db.server";
import { listClassAttendance } from "../classrooms/service.server";
import { listCompletedCourses } from "../courses/learning.server";
import { listWorkshopAttendance } from "../workshops/record.server";
import { summariseAttendance } from "../classrooms/attendance";
import { readChosenPathsWithRecord } from "./chosen-queries.server";
import { toStored } from "./definitions.server";
import type { PathAudience } from "./model";
import { EMPTY_RECORD, type LearnerRecord } from "./progress";
import { listClassLinks, listStartedCourseSlugs } from "./queries.server";

/**
 * The learner record, as the paths need it, read through each domain's own
 * export: completed courses (courses), attended workshops (workshops),
 * attended virtual classes (classrooms). Nothing here is typed in by hand.
 */
export async function loadLearnerRecord(db: DbOrTrx, userId: string): Promise<LearnerRecord> {
  const [completed, started, workshops, classes] = await Promise.all([
    listCompletedCourses(db, userId),
    listStartedCourseSlugs(db, userId),
    listWorkshopAttendance(db, userId),
    listClassAttendance(db, userId),
  ]);
  const attendedIds = classes.filter((c) => c.attended).map((c) => c.classroomId);
  const links = await listClassLinks(db, attendedIds);
  return {
    completedCourses: new Map(completed.map((c) => [c.slug, c.completedAt])),
    startedCourses: new Set(started),
    workshops: workshops.map((w) => ({ themes: w.themes, attendedAt: w.checkedInAt ?? w.startsAt })),
    classes: classes.map((c) => ({ linkedPath: links.get(c.classroomId) ?? null, attended: c.attended, heldAt: c.startsAt })),
  };
}

const stamp = (value: string) => new Date(value);

/**
 * The chosen paths and, when there is one, the record and diagnostic their
 * progress is computed from: the same facts as loadLearnerRecord,
 * latestDiagnosticOf and availableCourses, read in one statement (the
 * learner home, issue 17). Class attendance is summarised by the classrooms
 * domain's own rule.
 */
export async function loadChosenPathsWithRecord(db: DbOrTrx, userId: string, now: Date) {
  const row = await readChosenPathsWithRecord(db, userId, now);
  const paths = row.paths.map((p) => ({ path: toStored({ ...p, audience: p.audience as PathAudience }, p.steps), chosenAt: stamp(p.chosen_at) }));
  const facts = row.facts;
  if (!facts) return { paths, record: EMPTY_RECORD, competenceScores: null, available: new Set<string>() };
  const record: LearnerRecord = {
    completedCourses: new Map(facts.completed.map((c) => [c.slug, stamp(c.at)])),
    startedCourses: new Set(facts.started),
    workshops: facts.workshops.map((w) => ({ themes: w.themes, attendedAt: stamp(w.checked_in_at ?? w.starts_at) })),
    classes: facts.classes.map((c) => {
      const window = {
        startsAt: stamp(c.starts_at),
        endsAt: stamp(c.ends_at),
        endedAt: c.ended_at ? stamp(c.ended_at) : null,
        roomFinishedAt: c.room_finished_at ? stamp(c.room_finished_at) : null,
      };
      const intervals = c.presence.map((p) => ({ joinedAt: p.joined_at ? stamp(p.joined_at) : null, leftAt: p.left_at ? stamp(p.left_at) : null }));
      return { linkedPath: c.linked_path, attended: summariseAttendance(intervals, window, now).attended, heldAt: window.startsAt };
    }),
  };
  return { paths, record, competenceScores: facts.competence_scores, available: new Set(facts.available) };
}
