import type { Role } from "../../db/schema/accounts";

/**
 * Every permission the app knows, `action:entity:scope`. `own` covers objects
 * the user made or is in charge of; `any` covers all of them. A misspelled
 * permission does not compile, and a test fails on a permission granted to a
 * role that no code checks (app/lib/permissions.test.ts).
 *
 * The same pure check decides on the server and hides links in the UI — the
 * server check, in the domain's service, is the one that counts.
 */
export const PERMISSIONS = [
  "read:profile:own",
  "update:profile:own",
  "manage:user:any",
  "create:learner:own",
  "read:learner:own",
  "read:learner:any",
  "update:learner:own",
  // Every access card issued, by anyone (decision 036).
  "read:access_card:any",
  "run:diagnostic:own",
  "run:diagnostic:any",
  "read:diagnostic:any",
  "create:course:own",
  "update:course:own",
  "update:course:any",
  "create:h5p_content:own",
  "create:h5p_content:any",
  "read:h5p_results:own",
  "read:h5p_results:any",
  "install:h5p_library:any",
  "manage:xapi_credential:any",
  // LTI platforms that may launch Passerelle (issue 21): coordinators only.
  "manage:lti_platform:any",
  "create:classroom:own",
  "create:classroom:any",
  "update:classroom:own",
  "update:classroom:any",
  "create:workshop:own",
  "update:workshop:own",
  "update:workshop:any",
  "manage:booking:own",
  "manage:booking:any",
  "manage:relay_space:any",
  "create:activity:own",
  "read:activity:own",
  "read:activity:any",
  "update:activity:own",
  "update:activity:any",
  "export:activity:own",
  "export:activity:any",
  "read:report:any",
  "read:badge:any",
  "revoke:badge:any",
  "create:school_class:own",
  "manage:school_class:own",
  "join:school_class:own",
  // One-to-one appointments: a person books their own; a mediator looks after
  // those of the places where they publish availability (decision 043).
  "book:appointment:own",
  "manage:appointment:own",
  "manage:appointment:any",
  // Their own notifications and how they are mailed (decision 044).
  "read:notification:own",
  "update:notification_preference:own",
  // Questions on lessons: ask; answer and approve those of courses one authors
  // (or of one's pupils); `any`: every course's, pupils' still excepted.
  "ask:question:own",
  "answer:question:own",
  "answer:question:any",
  // Questions on the community's own courses (imported, with no author): the mediators' (decision 044).
  "answer:shared_course_question:any",
  // Towards a job (issue 20, decision 045): a partner's staff manage their own
  // organisation's offers; coordinators keep the partner directory, act for
  // any partner and moderate every offer before it is published.
  "manage:job_offer:own",
  "manage:job_offer:any",
  "moderate:job_offer:any",
  "manage:partner:any",
  // Towards a job, job seekers' side (decision 046): one's own profile, consent,
  // interest and followed paths; partner staff: the applicants to their offers.
  "manage:job_profile:own",
  "read:job_applicant:own",
  // Which claim of an OpenID provider gives which role (decision 047): coordinators only.
  "manage:oidc_role_mapping:any",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES: readonly Role[] = ["learner", "mediator", "teacher", "coordinator", "partner"] as const;

/** What every signed-in person has, staff included. */
const EVERYONE: readonly Permission[] = ["read:notification:own", "update:notification_preference:own", "ask:question:own"];

const LEARNER: readonly Permission[] = ["read:profile:own", "update:profile:own", "join:school_class:own", "book:appointment:own", "manage:job_profile:own", ...EVERYONE];

export const GRANTS: Record<Role, readonly Permission[] | "all"> = {
  learner: LEARNER,
  mediator: [
    ...EVERYONE,
    "answer:question:own",
    "answer:shared_course_question:any",
    "read:profile:own",
    "update:profile:own",
    // H5P activities they upload, and the results of learners on them.
    "create:h5p_content:own",
    "read:h5p_results:own",
    "create:course:own",
    "update:course:own",
    "create:learner:own",
    // Run the placement diagnostic with a learner they created (recorded as run_by).
    "run:diagnostic:own",
    "read:learner:own",
    "update:learner:own",
    // Virtual classes they host or co-host.
    "create:classroom:own",
    "update:classroom:own",
    // Workshops they lead: their details, and who is booked and present.
    "create:workshop:own",
    "update:workshop:own",
    "manage:booking:own",
    // Their own activity log, and its export.
    "create:activity:own",
    "read:activity:own",
    "update:activity:own",
    "export:activity:own",
    // Appointments at the places where they publish availability.
    "manage:appointment:own",
  ],
  teacher: [
    ...EVERYONE,
    "answer:question:own",
    "read:profile:own",
    "update:profile:own",
    "create:h5p_content:own",
    "read:h5p_results:own",
    "create:course:own",
    "update:course:own",
    "create:classroom:own",
    "update:classroom:own",
    "create:school_class:own",
    "manage:school_class:own",
  ],
  coordinator: "all",
  // Staff of a partner organisation (issue 20): what acts for the partner is granted with the jobs domain.
  partner: [...EVERYONE, "read:profile:own", "update:profile:own", "manage:job_offer:own", "read:job_applicant:own"],
};

export function can(user: { role: Role } | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  const grants = GRANTS[user.role];
  if (grants === "all") return true;
  if (grants.includes(permission)) return true;
  // Holding `any` implies `own`.
  if (permission.endsWith(":own")) return grants.includes(permission.replace(/:own$/, ":any") as Permission);
  return false;
}

export function isStaff(user: { role: Role } | null | undefined) {
  return !!user && user.role !== "learner";
}

/** Learners: the people Passerelle is for (pupils included), as opposed to staff. */
export function isLearner<U extends { role: string }>(user: U | null | undefined): user is U {
  return user?.role === "learner";
}
