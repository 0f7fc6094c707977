/**
 * The classrooms domain's verbs, split by group (scheduling, joining,
 * moderation, webhooks, attendance, recordings). Routes import from here.
 */
export { joinWindow, opensAt, type ClassAccess, type JoinWindowState } from "./access.server";
export { absoluteUrl } from "./calendar.server";
export {
  cancelClass,
  classCalendar,
  classCalendarEvents,
  classPage,
  listClassesPage,
  queueClassReminders,
  registerLearner,
  registerSelf,
  scheduleClass,
  schedulingFormData,
  unregisterLearner,
  unregisterSelf,
} from "./scheduling.server";
export { issueJoinToken, joinPageData, type JoinTicket } from "./join.server";
export { moderate, type ModerationResult } from "./moderation.server";
export { handleLiveKitWebhook, MAX_WEBHOOK_BYTES } from "./webhooks.server";
export { attendanceCsv, attendanceReport, listClassAttendance, type ClassAttendance } from "./attendance.server";
export { listClassRecordings, openRecording } from "./recordings.server";
export { livekitConfig } from "./livekit.server";
