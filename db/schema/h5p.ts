import type { ColumnType, Generated, Selectable } from "kysely";

/** jsonb: written and read as objects (a string would be stored as a JSON string). */
type Json<T> = T;

export interface H5pLibraryTable {
  id: Generated<string>;
  machine_name: string;
  major_version: number;
  minor_version: number;
  patch_version: number;
  title: string;
  runnable: boolean;
  library_json: Json<Record<string, unknown>>;
  /** Storage prefix of this install's files (`h5p/libraries/<folder>-<random>`). */
  storage_prefix: string;
  installed_by: string | null;
  installed_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface H5pContentTable {
  id: Generated<string>;
  title: string;
  /** "H5P.PasserelleQuestion 1.0" */
  main_library: string;
  h5p_json: Json<Record<string, unknown>>;
  storage_prefix: string;
  file_count: number;
  total_bytes: ColumnType<string, number, number>;
  source_key: string | null;
  /** SHA-256 (hex) of h5p.json and content/ as stored; null for contents older than the column. */
  content_hash: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** H5P's "content user data": a learner's saved state, per content (and sub-content). */
export interface H5pUserStateTable {
  user_id: string;
  content_id: string;
  data_type: string;
  sub_content_id: string;
  state: string;
  updated_at: Generated<Date>;
}

export interface H5pStatementLinkTable {
  statement_id: string;
  user_id: string;
  content_id: string;
  lesson_id: string | null;
  created_at: Generated<Date>;
}

/** The key that signs the player frame's addresses for content files (one row). */
export interface H5pUrlKeyTable {
  id: number;
  secret: Buffer;
  created_at: Generated<Date>;
}

export interface H5pTables {
  h5p_library: H5pLibraryTable;
  h5p_content: H5pContentTable;
  h5p_user_state: H5pUserStateTable;
  h5p_statement_link: H5pStatementLinkTable;
  h5p_url_key: H5pUrlKeyTable;
}

export type H5pLibrary = Selectable<H5pLibraryTable>;
export type H5pContent = Selectable<H5pContentTable>;
