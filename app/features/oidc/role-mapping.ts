import type { Role } from "../../../db/schema/accounts";
import type { MappedRole } from "../../../db/schema/oidc";

/** When several mappings match, the role that can do most wins. */
const RANK: Record<MappedRole, number> = { coordinator: 4, mediator: 3, teacher: 2, partner: 1 };
export const MAPPED_ROLES = ["mediator", "teacher", "coordinator", "partner"] as const satisfies readonly MappedRole[];

export const rankOfMappedRole = (role: MappedRole) => RANK[role];

/** A claim holds the value when it is that string (or number, boolean) or a list containing it. */
export function claimHolds(claim: unknown, value: string): boolean {
  if (Array.isArray(claim)) return claim.some((item) => claimHolds(item, value));
  if (typeof claim === "string" || typeof claim === "number" || typeof claim === "boolean") return String(claim) === value;
  return false;
}

/** The mapping that applies to these claims, if any: pure, so tested without a provider. */
export function roleFromClaims<M extends { claim: string; value: string; role: MappedRole }>(mappings: readonly M[], claims: Record<string, unknown>): M | null {
  let best: M | null = null;
  for (const mapping of mappings) {
    if (!claimHolds(claims[mapping.claim], mapping.value)) continue;
    if (!best || RANK[mapping.role] > RANK[best.role]) best = mapping;
  }
  return best;
}

/**
 * The account's role after a sign-in: the matched rule's role; or, when no
 * rule matches, learner if the current role is the one a rule gave last
 * time (a role given by hand stays).
 */
export function roleAfterSignIn(current: Role, givenByRuleBefore: MappedRole | null, matched: MappedRole | null): Role {
  if (matched) return matched;
  if (givenByRuleBefore && current === givenByRuleBefore) return "learner";
  return current;
}
