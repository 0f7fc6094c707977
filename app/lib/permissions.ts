import type { Role } from "../../db/schema/accounts";

/**
 * Permissions read `action:entity:scope`. `own` covers objects the user made
 * or is in charge of; `any` covers all of them. The same pure check decides on
 * the server and hides links in the UI — the server check is the one that counts.
 */
export type Scope = "own" | "any";
export type Permission = `${string}:${string}:${Scope}`;

export const ROLES: readonly Role[] = ["learner", "mediator", "teacher", "coordinator"] as const;

const GRANTS: Record<Role, readonly string[]> = {
  learner: ["read:profile:own", "update:profile:own", "join:school_class:own"],
  mediator: [
    "read:profile:own",
    // H5P activities they upload, and the results of learners on them.
    "create:h5p_content:own",
    "read:h5p_results:own",
    "update:profile:own",
    "create:course:own",
    "update:course:own",
    "create:learner:own",
    // Run the placement diagnostic with a learner they created (recorded as run_by).
    "run:diagnostic:own",
    "read:learner:own",
    // Virtual classes they host or co-host.
    "create:classroom:own",
    "update:classroom:own",
    // Workshops they lead, the learners they created or accompanied, their own activity log.
    "create:workshop:own",
    "update:workshop:own",
    "manage:booking:own",
    "update:learner:own",
    "create:activity:own",
    "read:activity:own",
    "update:activity:own",
  ],
  teacher: ["read:profile:own", "update:profile:own", "create:h5p_content:own", "read:h5p_results:own", "create:course:own", "update:course:own", "create:classroom:own", "update:classroom:own", "create:school_class:own", "manage:school_class:own"],
  coordinator: ["*"],
};

export function can(user: { role: Role } | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  const grants = GRANTS[user.role];
  if (grants.includes("*")) return true;
  if (grants.includes(permission)) return true;
  // Holding `any` implies `own`.
  if (permission.endsWith(":own")) return grants.includes(permission.replace(/:own$/, ":any"));
  return false;
}

export function isStaff(user: { role: Role } | null | undefined) {
  return !!user && user.role !== "learner";
}
