import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import type { ZodType } from "zod";
import { appErrorStatus, isAppError, FieldError } from "../../lib/errors";
import type { IntentResult } from "./components/form-result";

/**
 * For pages with several small forms told apart by `intent`: parses the
 * form, runs the service verb, and answers with an IntentResult (a 4xx
 * with the translated message key) — except "not found" and "forbidden",
 * which reach the error page with their status.
 */
export async function runIntent<S extends ZodType>(
  request: Request,
  schema: S,
  run: (value: Extract<ReturnType<S["parse"]>, object>) => Promise<IntentResult | Response | void>,
  /** Tells apart the same form repeated on a page (one per pupil…): its result goes back to it. */
  { key = (form: FormData) => String(form.get("intent") ?? "") }: { key?: (form: FormData) => string } = {},
) {
  const form = await request.formData();
  const intent = key(form);
  const submission = parseWithZod(form, { schema });
  if (submission.status !== "success") {
    const fieldErrors = Object.fromEntries(Object.entries(submission.error ?? {}).filter(([, v]) => v?.length)) as Record<string, string[]>;
    return data<IntentResult>({ intent, fieldErrors }, { status: 400 });
  }
  try {
    const result = await run(submission.value as Extract<ReturnType<S["parse"]>, object>);
    if (result instanceof Response) return result;
    return data<IntentResult>(result ?? { intent, ok: true });
  } catch (error) {
    return intentError(intent, error);
  }
}

export function intentError(intent: string, error: unknown) {
  if (error instanceof FieldError) return data<IntentResult>({ intent, fieldErrors: { [error.field]: [error.messageKey] } }, { status: 400 });
  if (isAppError(error)) {
    const status = appErrorStatus(error);
    if (status !== 404 && status !== 403 && status < 500) {
      return data<IntentResult>({ intent, messageKey: error.data.messageKey, values: error.data.values }, { status });
    }
  }
  throw error;
}
