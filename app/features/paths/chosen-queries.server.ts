import { sql } from "kysely";
import type { DbOrTrx } from "../../lib/db.server";
import type { StepRow } from "./queries.server";

/** Dates inside JSON arrive as ISO strings. */
type Stamp = string;

export interface ChosenPathsRow {
  paths: {
    id: string;
    slug: string;
    title: string;
    audience: string;
    goal: string;
    summary: string;
    chosen_at: Stamp;
    steps: StepRow[];
  }[];
  /** Null when the person follows no path: nothing else was read. */
  facts: {
    competence_scores: Record<string, number> | null;
    available: string[];
    completed: { slug: string; at: Stamp }[];
    started: string[];
    workshops: { themes: string[]; starts_at: Stamp; checked_in_at: Stamp | null }[];
    classes: {
      id: string;
      linked_path: string | null;
      starts_at: Stamp;
      ends_at: Stamp;
      ended_at: Stamp | null;
      room_finished_at: Stamp | null;
      presence: { joined_at: Stamp | null; left_at: Stamp | null }[];
    }[];
  } | null;
}

/**
 * The paths a person follows, with their steps, and, only when there is one,
 * everything their progress is computed from, in one statement (the learner
 * home, issue 17). Each part reads what its domain's own function reads
 * (loadLearnerRecord, latestDiagnosticOf, availableCourses); a test compares
 * the progress computed from both.
 */
export async function readChosenPathsWithRecord(db: DbOrTrx, userId: string, now: Date) {
  const { rows } = await sql<ChosenPathsRow>`
    with chosen as (
      select p.id, p.slug, p.title, p.audience, p.goal, p.summary, p.position, c.chosen_at
      from path_choice c join learning_path p on p.id = c.path_id
      where c.user_id = ${userId} and c.left_at is null and p.status = 'published'
    ), steps as (
      select s.* from path_step s where s.path_id in (select id from chosen)
    )
    select
      (select coalesce(json_agg(json_build_object(
         'id', ch.id, 'slug', ch.slug, 'title', ch.title, 'audience', ch.audience, 'goal', ch.goal, 'summary', ch.summary, 'chosen_at', ch.chosen_at,
         'steps', (select coalesce(json_agg(json_build_object(
            'key', s.key, 'kind', s.kind, 'title', s.title, 'description', s.description, 'course_slug', s.course_slug,
            'workshop_theme', s.workshop_theme, 'optional', s.optional, 'requires', s.requires, 'competences', s.competences
          ) order by s.position), '[]') from steps s where s.path_id = ch.id)
       ) order by ch.position, ch.title), '[]') from chosen ch) as paths,
      case when exists (select 1 from chosen) then json_build_object(
        'competence_scores', (select d.competence_scores from diagnostic_result d where d.user_id = ${userId}
                              order by d.created_at desc, d.id limit 1),
        'available', (select coalesce(json_agg(c.slug), '[]') from course c
                      where c.status = 'published' and c.slug in (select course_slug from steps where course_slug is not null)),
        'completed', (select coalesce(json_agg(json_build_object('slug', c.slug, 'at', e.completed_at)), '[]')
                      from enrolment e join course c on c.id = e.course_id
                      where e.user_id = ${userId} and e.completed_at is not null),
        'started', (select coalesce(json_agg(c.slug), '[]')
                    from enrolment e join course c on c.id = e.course_id
                    where e.user_id = ${userId} and e.completed_at is null),
        'workshops', (select coalesce(json_agg(json_build_object('themes', w.themes, 'starts_at', w.starts_at, 'checked_in_at', a.checked_in_at)), '[]')
                      from attendance a join workshop w on w.id = a.workshop_id where a.user_id = ${userId}),
        'classes', (select coalesce(json_agg(json_build_object(
                       'id', k.id, 'linked_path', k.linked_path, 'starts_at', k.starts_at, 'ends_at', k.ends_at,
                       'ended_at', k.ended_at, 'room_finished_at', k.room_finished_at,
                       'presence', (select coalesce(json_agg(json_build_object('joined_at', pr.joined_at, 'left_at', pr.left_at)), '[]')
                                    from classroom_presence pr where pr.user_id = ${userId} and pr.classroom_id = k.id)
                     )), '[]')
                    from classroom_registration r join classroom k on k.id = r.classroom_id
                    where r.user_id = ${userId} and k.cancelled_at is null and k.starts_at <= ${now})
      ) end as facts
  `.execute(db);
  return rows[0]!;
}
