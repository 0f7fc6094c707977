import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { TextArray } from "./places";

export type XapiScope = "statements/write" | "statements/read" | "statements/read/mine" | "all/read" | "all";

export interface XapiCredentialTable {
  id: Generated<string>;
  label: string;
  /** The HTTP Basic user name. */
  api_key: string;
  /** SHA-256 (hex) of the secret; the secret is shown once, at issue. */
  secret_hash: string;
  scopes: ColumnType<XapiScope[], XapiScope[], XapiScope[]>;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** A stored statement: the full JSON plus the columns the query filters use. */
export interface XapiStatementTable {
  id: string;
  /** Insertion order, the tie-breaker after `stored` for paging. */
  seq: Generated<string>;
  statement: Record<string, unknown>;
  comparison_hash: string;
  /** Whether the client gave the timestamp (else the LRS set it; comparisons then ignore it). */
  client_timestamp: boolean;
  verb_id: string;
  activity_id: string | null;
  /** Normalised inverse functional identifier of the actor ("mbox:mailto:…", "account:…"). */
  actor_key: string;
  object_agent_key: string | null;
  registration: string | null;
  related_activity_ids: TextArray;
  related_agent_keys: TextArray;
  voids_statement_id: string | null;
  voided: ColumnType<boolean, boolean | undefined, boolean>;
  timestamp: Date;
  stored: Date;
  credential_id: string | null;
}

export interface XapiTables {
  xapi_credential: XapiCredentialTable;
  xapi_statement: XapiStatementTable;
}

export type XapiCredential = Selectable<XapiCredentialTable>;
export type NewXapiStatementRow = Insertable<XapiStatementTable>;
