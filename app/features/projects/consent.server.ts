import type { User } from "../../../db/schema/accounts";
import type { ConsentMethod } from "../../../db/schema/projects";
import type { Db, DbOrTrx } from "../../lib/db.server";
import { appError } from "../../lib/errors";
import type { Locale } from "../../lib/i18n";
import { formatDate } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { queueMail } from "../../lib/mail.server";
import { notFound, teacherClass } from "./access.server";
import { isUnderConsentAge, todayInParis } from "./dates";
import { isLimited, labelPupil } from "./people";
import * as cq from "./consent/queries.server";
import * as q from "./queries.server";

/**
 * Limited mode of a pupil account: under 15 and no parental consent on
 * record. Other features ask here before showing a profile or opening a
 * conversation (see docs/decisions/ on minors' accounts).
 */
export async function pupilStanding(db: DbOrTrx, userId: string, today = todayInParis()) {
  const row = await cq.pupilProfileStanding(db, userId);
  if (!row) return { isPupil: false, underAge: false, hasConsent: false, limited: false };
  return {
    isPupil: true,
    underAge: isUnderConsentAge(row.birthDate, today),
    hasConsent: row.hasConsent,
    limited: isLimited(row, today),
  };
}

/** Whether others may see this user's profile (false in limited mode). */
export async function isProfileVisible(db: DbOrTrx, userId: string) {
  return !(await pupilStanding(db, userId)).limited;
}

/**
 * Whether this user may exchange messages with `otherUserId`: in limited
 * mode, only with their teachers and the pupils of their own classes.
 */
export async function mayMessage(db: DbOrTrx, userId: string, otherUserId: string) {
  if (!(await pupilStanding(db, userId)).limited) return true;
  return cq.sharesAClass(db, userId, otherUserId);
}

/** The pupils under 15 of a class, with their consent on record (who, when, how). */
export async function getConsentPage(db: Db, user: User, classId: string) {
  const schoolClass = await teacherClass(db, user, classId);
  const today = todayInParis();
  const rows = (await q.pupilRows(db, { classId: schoolClass.id })).filter((r) => r.userId && r.birthDate && isUnderConsentAge(r.birthDate, today));
  const records = rows.length ? await cq.consentsOfPupils(db, rows.map((r) => r.userId!)) : [];
  return {
    schoolClass,
    pupils: rows.map((r) => ({
      ...labelPupil(r, { kind: "teacher", userId: user.id }, today),
      consents: records
        .filter((c) => c.pupil_user_id === r.userId)
        .map(({ pupil_user_id: _, recorder_first_name, recorder_last_name, ...c }) => ({
          ...c,
          recordedBy: [recorder_first_name, recorder_last_name].filter(Boolean).join(" "),
        })),
    })),
  };
}

async function underAgeSeat(db: DbOrTrx, classId: string, seatId: string) {
  const [row] = await q.pupilRows(db, { seatIds: [seatId] });
  if (!row || row.classId !== classId || !row.userId) throw notFound("pupil");
  if (!row.birthDate || !isUnderConsentAge(row.birthDate, todayInParis())) {
    throw appError(409, "consent_not_needed", "projects:errors.consent_not_needed");
  }
  return row as typeof row & { userId: string };
}

/** The teacher records a parent's consent: who gave it, on which day, on paper or by email. */
export async function recordConsent(
  db: Db,
  user: User,
  classId: string,
  input: { seatId: string; givenBy: string; method: ConsentMethod; givenOn: string },
) {
  const schoolClass = await teacherClass(db, user, classId);
  const pupil = await underAgeSeat(db, schoolClass.id, input.seatId);
  if (input.givenOn > todayInParis()) throw appError(400, "given_on_future", "projects:errors.given_on_future");
  await cq.insertConsent(db, {
    pupilUserId: pupil.userId,
    classId: schoolClass.id,
    givenBy: input.givenBy,
    method: input.method,
    givenOn: input.givenOn,
    recordedBy: user.id,
  });
}

export interface ConsentForm {
  pupilName: string;
  className: string;
  school: string;
  teacherName: string;
}

/** The consent forms to print: one pupil, or every pupil under 15 still without consent. */
export async function consentFormsToPrint(db: Db, user: User, classId: string, seatId?: string | null): Promise<ConsentForm[]> {
  const schoolClass = await teacherClass(db, user, classId);
  const today = todayInParis();
  let rows = (await q.pupilRows(db, { classId: schoolClass.id })).filter((r) => r.userId && r.birthDate && isUnderConsentAge(r.birthDate, today));
  if (seatId) rows = rows.filter((r) => r.seatId === seatId);
  else rows = rows.filter((r) => !r.hasConsent);
  return rows.map((r) => ({
    pupilName: [r.firstName, r.lastName].filter(Boolean).join(" "),
    className: schoolClass.name,
    school: schoolClass.school,
    teacherName: [user.first_name, user.last_name].filter(Boolean).join(" "),
  }));
}

/** The text of the consent form (print view and email share it). */
export function consentFormText(form: ConsentForm, locale: Locale) {
  const t = serverT(locale);
  return {
    title: t("projects:consent_form.title"),
    intro: t("projects:consent_form.intro", { pupil: form.pupilName, className: form.className, school: form.school, teacher: form.teacherName }),
    points: (t("projects:consent_form.points", { returnObjects: true }) as string[]).map(String),
    rights: t("projects:consent_form.rights"),
    consent: t("projects:consent_form.consent", { pupil: form.pupilName }),
  };
}

/**
 * Emails the consent form to a parent through the outbox. The address is
 * not kept anywhere else: the teacher records the answer (method "email")
 * when it comes back.
 */
export async function emailConsentForm(db: Db, user: User, classId: string, input: { seatId: string; parentEmail: string }, locale: Locale) {
  const schoolClass = await teacherClass(db, user, classId);
  const pupil = await underAgeSeat(db, schoolClass.id, input.seatId);
  const form: ConsentForm = {
    pupilName: [pupil.firstName, pupil.lastName].filter(Boolean).join(" "),
    className: schoolClass.name,
    school: schoolClass.school,
    teacherName: [user.first_name, user.last_name].filter(Boolean).join(" "),
  };
  const text = consentFormText(form, locale);
  const t = serverT(locale);
  const body = [
    text.intro,
    "",
    ...text.points.map((p) => `- ${p}`),
    "",
    text.rights,
    "",
    text.consent,
    "",
    t("projects:consent_mail.reply", { teacher: form.teacherName }),
  ].join("\n");
  await queueMail(db, {
    to: input.parentEmail,
    subject: t("projects:consent_mail.subject", { pupil: pupil.firstName, className: schoolClass.name }),
    text: body,
    dedupeKey: `consent-form:${pupil.seatId}:${input.parentEmail}:${todayInParis()}`,
    locale,
    userId: pupil.userId,
  });
  return { sentOn: formatDate(new Date(), locale) };
}

/** Whether the person holds a seat in a school class: their questions on lessons go to their teachers only (decision 044). */
export function isPupil(db: DbOrTrx, userId: string) {
  return q.holdsClassSeat(db, userId);
}
