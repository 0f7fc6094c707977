import type { ColumnType, Generated, Selectable } from "kysely";

type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** jsonb: written and read as objects (a string would be stored as a JSON string). */
type Json<T> = ColumnType<T, T, T>;

export type LtiMessageType = "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
export type LtiTargetKind = "course" | "lesson" | "h5p";

/** An LMS registered by a coordinator (issue 21, decision 048). */
export interface LtiPlatformTable {
  id: Generated<string>;
  name: string;
  /** The platform's `iss`, as its ID tokens carry it. */
  issuer: string;
  /** The id the platform gave Passerelle (the tokens' `aud`). */
  client_id: string;
  deployment_ids: TextArray;
  jwks_url: string;
  /** OIDC authorization endpoint (where the login redirects). */
  auth_url: string;
  /** OAuth 2 token endpoint (AGS access tokens). */
  token_url: string;
  /** A school's platform: its learners are pupils (minors' rules). */
  school: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  disabled_at: Date | null;
}

export interface LtiToolKeyTable {
  /** The `kid`: RFC 7638 thumbprint of the public key. */
  id: string;
  public_jwk: Json<Record<string, string>>;
  private_key_pkcs8: string;
  created_at: Generated<Date>;
  retired_at: Date | null;
}

export interface LtiLoginStateTable {
  state_hash: string;
  platform_id: string;
  nonce: string;
  /** The login request's parameters, to start it again in a new window. */
  login_params: Json<Record<string, string>>;
  expires_at: Date;
}

export interface LtiUsedNonceTable {
  platform_id: string;
  nonce: string;
  expires_at: Date;
}

export interface LtiUserLinkTable {
  platform_id: string;
  sub: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface LtiLaunchTable {
  id: Generated<string>;
  token_hash: string;
  platform_id: string;
  user_id: string;
  sub: string;
  deployment_id: string;
  message_type: LtiMessageType;
  target_kind: LtiTargetKind | null;
  target_id: string | null;
  resource_link_id: string | null;
  ags_lineitem: string | null;
  deep_link_return_url: string | null;
  deep_link_data: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface LtiScoreOutboxTable {
  id: Generated<string>;
  platform_id: string;
  user_id: string | null;
  lineitem_url: string;
  dedupe_key: string;
  payload: Json<Record<string, unknown>>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface LtiTables {
  lti_platform: LtiPlatformTable;
  lti_tool_key: LtiToolKeyTable;
  lti_login_state: LtiLoginStateTable;
  lti_used_nonce: LtiUsedNonceTable;
  lti_user_link: LtiUserLinkTable;
  lti_launch: LtiLaunchTable;
  lti_score_outbox: LtiScoreOutboxTable;
}

export type LtiPlatform = Selectable<LtiPlatformTable>;
export type LtiLaunch = Selectable<LtiLaunchTable>;
