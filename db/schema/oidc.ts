import type { ColumnType, Generated, Selectable } from "kysely";
import type { Role } from "./accounts";

/** A role a coordinator's mapping may give (a learner is what everybody already is). */
export type MappedRole = Exclude<Role, "learner">;

/** An identity at an OpenID provider linked to an account: (issuer, subject) names one person there. */
export interface OidcIdentityTable {
  id: Generated<string>;
  user_id: string;
  provider_id: string;
  issuer: string;
  subject: string;
  mapped_role: MappedRole | null;
  linked_at: Generated<Date>;
  last_used_at: Date | null;
}

/** A sign-in sent to a provider and not back yet: keyed by the hash of its `state`, used once. */
export interface OidcLoginTable {
  id: string;
  browser_hash: string;
  provider_id: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  link_user_id: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
}

/** The claims Passerelle keeps from a verified ID token while the person chooses. */
export interface PendingClaims {
  given_name?: string;
  family_name?: string;
  /** Only when the provider said it was verified. */
  email?: string;
  /** The values of the claims that role mappings of this provider read. */
  mapped?: Record<string, unknown>;
}

export interface OidcPendingIdentityTable {
  id: string;
  provider_id: string;
  issuer: string;
  subject: string;
  claims: ColumnType<PendingClaims, string, string>;
  id_token: string;
  return_to: string;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface OidcSessionTable {
  session_id: string;
  provider_id: string;
  id_token: string;
}

export interface OidcRoleMappingTable {
  id: Generated<string>;
  provider_id: string;
  claim: string;
  value: string;
  role: MappedRole;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface OidcTables {
  oidc_identity: OidcIdentityTable;
  oidc_login: OidcLoginTable;
  oidc_pending_identity: OidcPendingIdentityTable;
  oidc_session: OidcSessionTable;
  oidc_role_mapping: OidcRoleMappingTable;
}

export type OidcIdentity = Selectable<OidcIdentityTable>;
export type OidcLogin = Selectable<OidcLoginTable>;
export type OidcPendingIdentity = Selectable<OidcPendingIdentityTable>;
export type OidcRoleMapping = Selectable<OidcRoleMappingTable>;
