import { appError } from "../../lib/errors";

/** Why an H5P package was refused; each has its own translated message (`h5p:rejections.<code>`). */
export type H5pRejection =
  | "not_zip"
  | "archive_too_large"
  | "too_many_entries"
  | "too_many_files"
  | "absolute_path"
  | "path_traversal"
  | "unsafe_name"
  | "symlink"
  | "special_file"
  | "encrypted"
  | "too_large_uncompressed"
  | "zip_bomb"
  | "duplicate_entry"
  | "missing_h5p_json"
  | "invalid_h5p_json"
  | "missing_content_json"
  | "invalid_content_json"
  | "forbidden_content_file"
  | "svg_script"
  | "svg_undecodable"
  | "unexpected_file"
  | "libraries_need_coordinator"
  | "library_missing"
  | "invalid_library_json"
  | "library_folder_mismatch"
  | "library_file_missing"
  | "forbidden_library_file"
  | "no_libraries";

const STATUS: Partial<Record<H5pRejection, number>> = {
  archive_too_large: 413,
  too_large_uncompressed: 413,
  too_many_files: 413,
  libraries_need_coordinator: 403,
  library_missing: 422,
};

export class H5pPackageError extends Error {
  constructor(
    public code: H5pRejection,
    public values: Record<string, string | number> = {},
  ) {
    super(code);
  }

  get status() {
    return STATUS[this.code] ?? 400;
  }

  get messageKey() {
    return `h5p:rejections.${this.code}`;
  }

  toAppError() {
    return appError(this.status, `h5p_${this.code}`, this.messageKey, this.values);
  }
}

/** The uploaded package is an activity the author already has (same content files). */
export class H5pDuplicateError extends Error {
  constructor(public existing: { id: string; title: string; created_at: Date }) {
    super("duplicate_content");
  }
}
