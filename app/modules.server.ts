import accounts from "./features/accounts/module.server";
import appointments from "./features/appointments/module.server";
import badges from "./features/badges/module.server";
import businessDiagnostic from "./features/business-diagnostic/module.server";
import classrooms from "./features/classrooms/module.server";
import courses from "./features/courses/module.server";
import diagnostic from "./features/diagnostic/module.server";
import h5p from "./features/h5p/module.server";
import jobs from "./features/jobs/module.server";
import lti from "./features/lti/module.server";
import mediation from "./features/mediation/module.server";
import notifications from "./features/notifications/module.server";
import oidc from "./features/oidc/module.server";
import paths from "./features/paths/module.server";
import places from "./features/places/module.server";
import platform from "./features/platform/module.server";
import projects from "./features/projects/module.server";
import questions from "./features/questions/module.server";
import record from "./features/record/module.server";
import reports from "./features/reports/module.server";
import workshops from "./features/workshops/module.server";
import xapi from "./features/xapi/module.server";
import { installModules } from "./lib/modules.server";

/**
 * The registry: every domain of the app, one line each (decision 031). A
 * domain's jobs, personal data, calendar events and navigation come from its
 * own `module.server.ts`; importing this file installs them.
 */
export const APP_MODULES = [
  platform,
  accounts,
  courses,
  paths,
  workshops,
  appointments,
  classrooms,
  places,
  jobs,
  businessDiagnostic,
  diagnostic,
  projects,
  record,
  h5p,
  lti,
  badges,
  mediation,
  notifications,
  questions,
  oidc,
  reports,
  xapi,
];

installModules(APP_MODULES);
