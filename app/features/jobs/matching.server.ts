import type { User } from "../../../db/schema/accounts";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { DateTime } from "luxon";
import { TIME_ZONE } from "../../lib/i18n";
import { latestDiagnosticOf } from "../diagnostic/service.server";
import { buildPath, matchSkills, pathProgress, themesTeaching } from "./matching";
import { resolveSeeker } from "./profile-access.server";
import * as q from "./seekers-queries.server";

const offerNotFound = () => appError(404, "not_found", "jobseekers:errors.offer_not_found");

/** A published offer still listed, or 404: a person never sees a pending, withdrawn or expired one here. */
export async function requireListedOffer(db: DbOrTrx, offerId: string, now: Date) {
  const offer = isUuid(offerId) ? await q.findOffer(db, offerId) : undefined;
  if (!offer || offer.status !== "published" || isoDate(offer.expires_on) < todayInParis(now)) throw offerNotFound();
  return offer;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
/** Today as a Paris calendar day: an offer is listed up to and including its last day. */
export const todayInParis = (now: Date) => DateTime.fromJSDate(now).setZone(TIME_ZONE).toISODate()!;

/** What a person has and lacks for an offer, and the path that teaches the rest. */
export async function matchPersonWithOffer(db: DbOrTrx, userId: string, offerId: string, now = new Date()) {
  const [skills, badges, diagnostic] = await Promise.all([q.listOfferSkills(db, offerId), q.listValidBadges(db, userId), latestDiagnosticOf(db, userId)]);
  const match = matchSkills(skills, badges, diagnostic?.competence_scores ?? null);
  const missing = match.toLearn.map((s) => s.competence);
  const [courses, workshops] = await Promise.all([q.listCoursesTeaching(db, missing), q.listUpcomingWorkshopsOn(db, [...new Set(missing.flatMap(themesTeaching))], now)]);
  return { ...match, steps: buildPath(match.toLearn, courses, workshops) };
}

/**
 * The offer page's part for a signed-in learner (or a mediator with them):
 * skills they have, skills to learn, the path, whether they follow it and
 * their application. Null for anybody else (visitors, partners).
 */
export async function getOfferMatch(db: Db, actor: User | null, offerId: string, learnerId?: string, now = new Date()) {
  if (!actor) return null;
  const person = await resolveSeeker(db, actor, learnerId, { write: false }).catch(() => null);
  if (!person) return null;
  const offer = await requireListedOffer(db, offerId, now);
  const [match, follow, application] = await Promise.all([
    matchPersonWithOffer(db, person.id, offer.id, now),
    q.findFollow(db, person.id, offer.id),
    q.findApplicationOf(db, offer.id, person.id).then((a) => a ?? null),
  ]);
  return {
    offer: { id: offer.id, title: offer.title, partnerName: offer.partnerName },
    person: { id: person.id, firstName: person.first_name, self: person.id === actor.id },
    ...match,
    followingSince: follow?.followed_at ?? null,
    application,
  };
}

/** « Suivre ce parcours »: kept once per person and offer (a double submit changes nothing). */
export async function followOfferPath(db: Db, actor: User, offerId: string, learnerId?: string, now = new Date()) {
  const person = await resolveSeeker(db, actor, learnerId, { write: true });
  const offer = await requireListedOffer(db, offerId, now);
  await q.insertFollow(db, person.id, offer.id);
}

export async function unfollowOfferPath(db: Db, actor: User, offerId: string, learnerId?: string) {
  const person = await resolveSeeker(db, actor, learnerId, { write: true });
  if (isUuid(offerId)) await q.deleteFollow(db, person.id, offerId);
}

/**
 * The offers' paths a person follows, with their progress — worked out again
 * each time (a badge earned since, a course completed) rather than stored.
 * Shown on « Mon projet professionnel » and in « Mon suivi ».
 */
export async function listFollowedJobPaths(db: DbOrTrx, person: Pick<User, "id">, now = new Date()) {
  const follows = await q.listFollows(db, person.id);
  if (!follows.length) return [];
  const completed = await q.completedCourseSlugs(db, person.id);
  return Promise.all(
    follows.map(async (f) => {
      const match = await matchPersonWithOffer(db, person.id, f.offerId, now);
      const progress = pathProgress(match.steps, completed);
      return { offerId: f.offerId, title: f.title, followedAt: f.followedAt, have: match.have.length, toLearn: match.toLearn.length, ...progress, steps: match.steps.map((s) => ({ ...s, done: s.courses.some((c) => completed.has(c.slug)) })) };
    }),
  );
}
