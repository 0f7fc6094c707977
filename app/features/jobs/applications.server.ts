import type { User } from "../../../db/schema/accounts";
import { withRetryingTransaction, type Db, type DbOrTrx } from "../../lib/db.server";
import { appError, forbidden } from "../../lib/errors";
import { isUuid } from "../../lib/ids";
import { can } from "../../lib/permissions";
import { latestDiagnosticOf } from "../diagnostic/service.server";
import { notify } from "../notifications/service.server";
import { requireListedOffer } from "./matching.server";
import { resolveSeeker } from "./profile-access.server";
import type { AnswerInput } from "./schemas-seekers";
import * as q from "./seekers-queries.server";

const applicationNotFound = () => appError(404, "not_found", "jobseekers:errors.application_not_found");

/**
 * « Je suis intéressé·e »: one application per offer and person — a second
 * click, or two at once, finds the first (a withdrawn one comes back). The
 * partner's staff are told in the same transaction; what they may see of the
 * person is decided when they look (see viewApplicant), never copied here.
 */
export async function expressInterest(db: Db, actor: User, offerId: string, { learnerId, message }: { learnerId?: string; message: string }) {
  const person = await resolveSeeker(db, actor, learnerId, { write: true });
  return withRetryingTransaction(db, async (trx) => {
    const offer = await requireListedOffer(trx, offerId, new Date());
    const existing = await q.lockApplicationOf(trx, offer.id, person.id);
    if (existing && existing.status !== "withdrawn") return { id: existing.id, created: false };
    let id = existing?.id;
    if (existing) {
      await q.setApplicationStatus(trx, existing.id, "interested");
    } else {
      id = (await q.insertApplication(trx, { offerId: offer.id, userId: person.id, sentBy: actor.id, message }))?.id;
      // Someone else's transaction inserted it first: theirs is the one.
      if (!id) return { id: (await q.findApplicationOf(trx, offer.id, person.id))!.id, created: false };
    }
    await q.insertApplicationEvent(trx, { applicationId: id!, status: "interested", note: "", byUserId: actor.id });
    for (const staffId of await q.staffOfPartner(trx, offer.partner_id)) {
      await notify(trx, {
        userId: staffId,
        kind: "job_interest",
        messageKey: "jobseekers:notification.interest",
        values: { offer: offer.title },
        target: { route: "jobApplicants" },
        dedupeKey: `job-interest:${id}:${staffId}:${existing ? Date.now() : "first"}`,
      });
    }
    return { id: id!, created: true };
  });
}

/** The person (or their mediator) takes an application back; the history keeps it. */
export async function withdrawApplication(db: Db, actor: User, applicationId: string, learnerId?: string) {
  const person = await resolveSeeker(db, actor, learnerId, { write: true });
  if (!isUuid(applicationId)) throw applicationNotFound();
  await withRetryingTransaction(db, async (trx) => {
    const application = await q.lockApplication(trx, applicationId);
    if (!application || application.user_id !== person.id) throw applicationNotFound();
    if (application.status === "withdrawn") return;
    await q.setApplicationStatus(trx, application.id, "withdrawn");
    await q.insertApplicationEvent(trx, { applicationId: application.id, status: "withdrawn", note: "", byUserId: actor.id });
  });
}

/** A person's own applications with their history (their mediator sees the same through resolveSeeker). */
export async function listMyApplications(db: DbOrTrx, person: Pick<User, "id">) {
  const applications = await q.listApplicationsOfUser(db, person.id);
  const events = await q.listEventsOf(db, applications.map((a) => a.id));
  return applications.map((a) => ({ ...a, history: events.filter((e) => e.applicationId === a.id) }));
}

/** For the navigation: the applicants' page is for people who act for a partner. */
export async function worksForAPartner(db: DbOrTrx, userId: string) {
  return (await q.partnerIdsOfStaff(db, userId)).length > 0;
}

function requirePartnerStaff(actor: User) {
  if (!can(actor, "read:job_applicant:own")) throw forbidden();
}

/**
 * The applicants to the offers of the partner(s) the actor works for: names,
 * offer, message and history — what the person sent by applying. What they
 * chose to share beyond that is shown one applicant at a time, logged.
 */
export async function listApplicants(db: Db, actor: User) {
  requirePartnerStaff(actor);
  const partnerIds = await q.partnerIdsOfStaff(db, actor.id);
  const applications = await q.listApplicationsToPartners(db, partnerIds);
  const events = await q.listEventsOf(db, applications.map((a) => a.id));
  return applications.map((a) => ({ ...a, history: events.filter((e) => e.applicationId === a.id) }));
}

/** The application, if it is to an offer of a partner the actor works for; 404 otherwise (no hint it exists). */
async function requireApplicationOfMyPartner(trx: DbOrTrx, actor: User, applicationId: string) {
  if (!isUuid(applicationId)) throw applicationNotFound();
  const application = await q.lockApplication(trx, applicationId);
  if (!application || !(await q.partnerIdsOfStaff(trx, actor.id)).includes(application.partner_id)) throw applicationNotFound();
  return application;
}

/**
 * What an applicant shares, as of now (decision 046): the profile as
 * written; the verified badges only while consent to share them stands, the
 * diagnostic levels likewise — revoking hides them at once, past
 * applications included. Every view is logged for the person to see.
 */
export async function viewApplicant(db: Db, actor: User, applicationId: string) {
  requirePartnerStaff(actor);
  return withRetryingTransaction(db, async (trx) => {
    const application = await requireApplicationOfMyPartner(trx, actor, applicationId);
    // Withdrawing takes the profile back too: only the history stays.
    if (application.status === "withdrawn") throw appError(409, "withdrawn", "jobseekers:errors.application_withdrawn");
    const profile = await q.findApplicantProfile(trx, application.user_id);
    if (!profile) throw applicationNotFound();
    const badges = profile.shareBadgesSince ? await q.listValidBadges(trx, application.user_id) : null;
    const diagnostic = profile.shareDiagnosticSince ? await latestDiagnosticOf(trx, application.user_id) : null;
    const shown = ["profile", ...(badges ? ["badges"] : []), ...(diagnostic ? ["diagnostic"] : [])];
    await q.insertDisclosure(trx, { userId: application.user_id, partnerId: application.partner_id, viewerId: actor.id, applicationId: application.id, shown });
    return {
      applicationId: application.id,
      offerTitle: application.title,
      firstName: profile.firstName,
      lastName: profile.lastName,
      email: profile.email,
      sectors: profile.sectors ?? [],
      communes: profile.communes ?? [],
      mobility: profile.mobility ?? [],
      drivingLicence: profile.drivingLicence ?? false,
      availableFrom: profile.availableFrom,
      availability: profile.availability ?? "",
      badges: badges?.map((b) => ({ id: b.id, name: b.name, issuedAt: b.issued_at })) ?? null,
      diagnostic: diagnostic ? { takenAt: diagnostic.created_at, domainLevels: diagnostic.domain_levels } : null,
    };
  });
}

export type SharedApplicant = Awaited<ReturnType<typeof viewApplicant>>;

/** The partner answers: interview, not retained, hired — with a note the person and their mediator read. */
export async function answerApplication(db: Db, actor: User, input: AnswerInput) {
  requirePartnerStaff(actor);
  await withRetryingTransaction(db, async (trx) => {
    const application = await requireApplicationOfMyPartner(trx, actor, input.applicationId);
    if (application.status === "withdrawn") throw appError(409, "withdrawn", "jobseekers:errors.application_withdrawn");
    await q.setApplicationStatus(trx, application.id, input.status);
    await q.insertApplicationEvent(trx, { applicationId: application.id, status: input.status, note: input.note, byUserId: actor.id });
    await notify(trx, {
      userId: application.user_id,
      kind: "job_answer",
      messageKey: `jobseekers:notification.answer_${input.status}`,
      values: { offer: application.title },
      target: { route: "jobProject" },
    });
  });
}
