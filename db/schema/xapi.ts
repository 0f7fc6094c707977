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

export type XapiDocumentResource = "state" | "agent_profile" | "activity_profile";

/** A State, Agent Profile or Activity Profile document (xAPI-Communication §2.2). */
export interface XapiDocumentTable {
  id: Generated<string>;
  resource: XapiDocumentResource;
  /** SHA-256 of (resource, activity, agent, registration): what a list or a delete-all reads. */
  context_hash: string;
  /** SHA-256 of the context and the document id: one document. */
  key_hash: string;
  activity_id: string | null;
  /** Same form as xapi_statement.actor_key. */
  agent_key: string | null;
  registration: string | null;
  document_id: string;
  /** The bytes as received (a Buffer from postgres.js, a Uint8Array from PGlite). */
  content: Uint8Array;
  content_type: string;
  /** SHA-1 (hex, lower case) of the content; sent quoted. */
  etag: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Attachment data received with statements, stored once per SHA-2 (xAPI-Data §2.4.11). */
export interface XapiAttachmentTable {
  /** Lower-case hex SHA-2 of the content. */
  sha2: string;
  /** As the first statement that sent it declared it. */
  content_type: string;
  length: number;
  /** A Buffer from postgres.js, a Uint8Array from PGlite. */
  content: Uint8Array;
  created_at: Generated<Date>;
}

/** Which statements reference which stored attachment data (deleting the last link deletes the data). */
export interface XapiStatementAttachmentTable {
  statement_id: string;
  sha2: string;
}

/** A statement whose object is a StatementRef, and the id it targets (stored or not). */
export interface XapiStatementRefTable {
  statement_id: string;
  target_id: string;
}

/** The filter keys of a stored statement that a targeting statement reaches through its StatementRefs. */
export interface XapiStatementRefMatchTable {
  statement_id: string;
  target_id: string;
  /** "verb:<iri>", "activity:<iri>", "agent:<key>", "registration:<uuid>", "related_activity:<iri>", "related_agent:<key>". */
  keys: TextArray;
  /** The targeting statement's stored and seq: its place in a page. */
  stored: Date;
  seq: string;
}

/** The Activities resource's canonical definition of an Activity, merged from the statements (decision 026). */
export interface XapiActivityTable {
  /** Lower-case hex SHA-256 of the IRI. */
  activity_hash: string;
  activity_id: string;
  definition: Record<string, unknown>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface XapiTables {
  xapi_credential: XapiCredentialTable;
  xapi_statement: XapiStatementTable;
  xapi_document: XapiDocumentTable;
  xapi_attachment: XapiAttachmentTable;
  xapi_statement_attachment: XapiStatementAttachmentTable;
  xapi_statement_ref: XapiStatementRefTable;
  xapi_statement_ref_match: XapiStatementRefMatchTable;
  xapi_activity: XapiActivityTable;
}

export type XapiCredential = Selectable<XapiCredentialTable>;
export type NewXapiStatementRow = Insertable<XapiStatementTable>;
export type XapiDocument = Selectable<XapiDocumentTable>;
export type NewXapiDocument = Insertable<XapiDocumentTable>;
export type NewXapiAttachment = Insertable<XapiAttachmentTable>;
