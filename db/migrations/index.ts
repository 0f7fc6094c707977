import type { Migration } from "kysely";
import * as foundation from "./2026-11-29_foundation";
import * as classrooms from "./2026-11-30_classrooms";
import * as courses from "./2026-11-30_courses";
import * as workshops from "./2026-11-30_workshops";
import * as xapi from "./2026-11-30_xapi";
import * as projects from "./2026-12-01_projects";
import * as reports from "./2026-12-02_reports";
import * as paths from "./2026-12-03_paths";
import * as reportsPeople from "./2026-12-04_reports-people";
import * as reportsCache from "./2026-12-05_reports-cache";
import * as xapiDocuments from "./2026-12-06_xapi-documents";
import * as coursesTrash from "./2026-12-07_courses-trash";
import * as xapiAttachments from "./2026-12-08_xapi-attachments";
import * as projectsFileTrash from "./2026-12-09_projects-file-trash";
import * as badgeStatusList from "./2026-12-10_badge-status-list";
import * as h5pContentHash from "./2026-12-10_h5p-content-hash";
import * as outboxPerson from "./2026-12-10_outbox-person";
import * as storedObjects from "./2026-12-10_stored-objects";
import * as throttleCountersAndJobRuns from "./2026-12-10_throttle-counters-and-job-runs";
import * as xapiRefsActivities from "./2026-12-10_xapi-refs-activities";
import * as accessCardConsent from "./2026-12-11_access-card-consent";
import * as evaluationInputs from "./2026-12-12_evaluation-inputs";
import * as outboxAttachments from "./2026-12-13_outbox-attachments";
import * as bookingOverCapacity from "./2026-12-14_booking-over-capacity";
import * as badgeEvidence from "./2026-12-15_badge-evidence";
import * as schoolLevels from "./2026-12-15_school-levels";
import * as staffInvitations from "./2026-12-15_staff-invitations";
import * as invitationCancelResend from "./2026-12-16_invitation-cancel-resend";
import * as appointments from "./2026-12-17_appointments";
import * as questionsAndNotifications from "./2026-12-18_questions-and-notifications";
import * as jobs from "./2026-12-19_jobs";
import * as jobPaths from "./2026-12-21_job-paths";
import * as oidc from "./2026-12-22_oidc";
import * as lti from "./2026-12-23_lti";
import * as dataVersion from "./2026-12-24_data-version";
import * as lessonOpenedKey from "./2026-12-25_lesson-opened-key";

/**
 * Every migration, by name, in the order they run. Listed by hand rather than
 * read from the folder so that the same list works in the server bundle, in
 * tsx scripts and in vitest; a test checks that no file is left out.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-29_foundation": foundation,
  "2026-11-30_classrooms": classrooms,
  "2026-11-30_courses": courses,
  "2026-11-30_workshops": workshops,
  "2026-11-30_xapi": xapi,
  "2026-12-01_projects": projects,
  "2026-12-02_reports": reports,
  "2026-12-03_paths": paths,
  "2026-12-04_reports-people": reportsPeople,
  "2026-12-05_reports-cache": reportsCache,
  "2026-12-06_xapi-documents": xapiDocuments,
  "2026-12-07_courses-trash": coursesTrash,
  "2026-12-08_xapi-attachments": xapiAttachments,
  "2026-12-09_projects-file-trash": projectsFileTrash,
  "2026-12-10_badge-status-list": badgeStatusList,
  "2026-12-10_h5p-content-hash": h5pContentHash,
  "2026-12-10_outbox-person": outboxPerson,
  "2026-12-10_stored-objects": storedObjects,
  "2026-12-10_throttle-counters-and-job-runs": throttleCountersAndJobRuns,
  "2026-12-10_xapi-refs-activities": xapiRefsActivities,
  "2026-12-11_access-card-consent": accessCardConsent,
  "2026-12-12_evaluation-inputs": evaluationInputs,
  "2026-12-13_outbox-attachments": outboxAttachments,
  "2026-12-14_booking-over-capacity": bookingOverCapacity,
  "2026-12-15_badge-evidence": badgeEvidence,
  "2026-12-15_school-levels": schoolLevels,
  "2026-12-15_staff-invitations": staffInvitations,
  "2026-12-16_invitation-cancel-resend": invitationCancelResend,
  "2026-12-17_appointments": appointments,
  "2026-12-18_questions-and-notifications": questionsAndNotifications,
  "2026-12-19_jobs": jobs,
  "2026-12-21_job-paths": jobPaths,
  "2026-12-22_oidc": oidc,
  "2026-12-23_lti": lti,
  "2026-12-24_data-version": dataVersion,
  "2026-12-25_lesson-opened-key": lessonOpenedKey,
};
