import type { AccountsTables } from "./schema/accounts";
import type { AppointmentsTables } from "./schema/appointments";
import type { JobsTables } from "./schema/jobs";
import type { JobSeekersTables } from "./schema/jobseekers";
import type { LtiTables } from "./schema/lti";
import type { ClassroomsTables } from "./schema/classrooms";
import type { CoursesTables } from "./schema/courses";
import type { MediationTables } from "./schema/mediation";
import type { H5pTables } from "./schema/h5p";
import type { PlacesTables } from "./schema/places";
import type { PlatformTables } from "./schema/platform";
import type { ProjectsTables } from "./schema/projects";
import type { WorkshopsTables } from "./schema/workshops";
import type { XapiTables } from "./schema/xapi";
import type { PathsTables } from "./schema/paths";
import type { ReportsTables } from "./schema/reports";
import type { NotificationsTables } from "./schema/notifications";
import type { QuestionsTables } from "./schema/questions";
import type { OidcTables } from "./schema/oidc";

/**
 * The typed shape of the database, one interface per domain under
 * `db/schema/`. Kept in step with `db/migrations/` by hand; the integration
 * suite fails when a query names a column the migrations do not create.
 */
export interface Database extends AccountsTables, PlatformTables, PlacesTables, CoursesTables, XapiTables, H5pTables, ClassroomsTables, ProjectsTables, WorkshopsTables, MediationTables, PathsTables, ReportsTables, AppointmentsTables, NotificationsTables, QuestionsTables, JobsTables, JobSeekersTables, OidcTables, LtiTables {}
