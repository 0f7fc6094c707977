import { data } from "react-router";

/**
 * The one error type of the app. It is a React Router `data()` response so
 * that a service can throw it from anywhere below a loader or action and the
 * route's ErrorBoundary receives the status and the i18n key, in development
 * and production alike (plain Errors are masked as 500 in production).
 */
export interface AppErrorBody {
  code: string;
  /** i18n key, `namespace:key`, shown to the user. */
  messageKey: string;
  values?: Record<string, string | number>;
}

export function appError(status: number, code: string, messageKey: string, values?: AppErrorBody["values"]) {
  return data<AppErrorBody>({ code, messageKey, values }, { status });
}

export type AppError = ReturnType<typeof appError>;

export function isAppError(error: unknown): error is AppError {
  return (
    typeof error === "object" &&
    error !== null &&
    "data" in error &&
    "init" in error &&
    typeof (error as { data?: { code?: unknown } }).data?.code === "string"
  );
}

export function appErrorStatus(error: AppError): number {
  return (error.init as ResponseInit | null)?.status ?? 500;
}

export const notFound = (what = "page") => appError(404, "not_found", `errors:not_found.${what}`);
export const forbidden = () => appError(403, "forbidden", "errors:forbidden");
export const badRequest = (messageKey = "errors:bad_request") => appError(400, "bad_request", messageKey);

/**
 * An expected failure tied to one field of the form that was posted (an
 * address already taken, a date in the past). The action contract shows it
 * beside that field; anywhere else it is a 400.
 */
export class FieldError extends Error {
  constructor(
    public field: string,
    public messageKey: string,
    public values?: Record<string, string | number>,
    public status = 400,
  ) {
    super(messageKey);
  }
}

/**
 * Failures that stay on the page as a message (a 4xx the person can act on)
 * rather than replacing it with the error page: everything below 500 except
 * "not signed in", "not allowed" and "not found", which mean the page itself
 * is wrong for this person.
 */
export function isInlineStatus(status: number) {
  return status >= 400 && status < 500 && status !== 401 && status !== 403 && status !== 404;
}
