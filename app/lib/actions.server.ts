import type { SubmissionResult } from "@conform-to/react";
import type { ActionReply } from "./action-reply";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type RouterContextProvider } from "react-router";
import type { z } from "zod";
import { requestIdContext } from "./context";
import { appError, appErrorStatus, FieldError, isAppError, isInlineStatus, type AppErrorBody } from "./errors";

/**
 * The one contract every form action follows (docs/STYLE.md, "Actions"):
 *
 *   export async function action({ request, context }: Route.ActionArgs) {
 *     const actor = requireUser(context, request);
 *     return handleForm(request, Schema, (value) => verb(db, actor, value), { hideFields: ["password"] });
 *   }
 *
 * - the body is read safely (wrong content type, broken multipart, control
 *   characters → a translated 4xx, never a 500);
 * - conform + zod parse it with the schema the page's form also uses; invalid
 *   answers come back as an `ActionReply` with status 400 and the answers kept;
 * - the service verb runs; a `FieldError` goes beside its field, any other
 *   expected failure (4xx other than 401/403/404) shows on the page as a
 *   message with its status; 401/403/404 and everything unexpected reach the
 *   error page;
 * - what the verb returns: a `Response` (a redirect) as is; anything else is
 *   handed to the page as `reply.data` on a success reply.
 *
 * A page with several small forms tells them apart by their `intent` field:
 * the reply carries it as `form`, and `useActionReply(intent)` picks it up.
 */
export type { ActionReply };

type FormOptions = {
  /** Fields never echoed back (passwords, codes). */
  hideFields?: string[];
  /** Clears the form's answers after a success that stays on the page. */
  resetForm?: boolean;
};

// C0 controls other than tab, line feed and carriage return have no place in a
// person's answer; NUL in particular is refused by PostgreSQL text columns.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * The posted form, or a 4xx when the body is not one: the wrong content type
 * (415) or a body the parser cannot read (400).
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw appError(415, "unsupported_body", "errors:unsupported_body");
  }
  try {
    const unguarded = (request as GuardedRequest)[UNGUARDED_FORM_DATA];
    return await (unguarded ? unguarded.call(request) : request.formData());
  } catch {
    throw appError(400, "unreadable_body", "errors:unreadable_body");
  }
}

const UNGUARDED_FORM_DATA = Symbol.for("passerelle.unguardedFormData");
type GuardedRequest = Request & { [UNGUARDED_FORM_DATA]?: () => Promise<FormData> };

/**
 * Makes every route's own `request.formData()` and `request.json()` keep the
 * promise of handleForm (issue 22, finding 7; decision 036): a body that is
 * not a form (415), cannot be read (400) or holds control characters (400)
 * throws a translated AppError instead of a TypeError, or a NUL reaching
 * PostgreSQL — both 500s. Installed once per server process by the request
 * handler; it has to be the prototype, because React Router hands each
 * loader and action a copy of the request, not the one the server built.
 * handleForm reads the unguarded body, to show a bad field beside the field.
 */
export function guardRequestBodies() {
  const proto = Request.prototype as GuardedRequest;
  if (proto[UNGUARDED_FORM_DATA]) return;
  const { formData, json } = Request.prototype;
  Object.defineProperty(proto, UNGUARDED_FORM_DATA, { value: formData });
  Object.defineProperty(proto, "formData", {
    configurable: true,
    writable: true,
    async value(this: Request) {
      const form = await readForm(this);
      if (fieldWithControlCharacters(form) !== null) throw appError(400, "invalid_characters", "errors:invalid_characters");
      return form;
    },
  });
  Object.defineProperty(proto, "json", {
    configurable: true,
    writable: true,
    async value(this: Request) {
      try {
        return await json.call(this);
      } catch {
        throw appError(400, "unreadable_body", "errors:unreadable_body");
      }
    },
  });
}

/** The name of the first text field holding a control character, if any. */
export function fieldWithControlCharacters(form: FormData): string | null {
  for (const [name, value] of form) {
    if (typeof value === "string" && (CONTROL_CHARACTERS.test(value) || CONTROL_CHARACTERS.test(name))) return name;
  }
  return null;
}

const formNameOf = (form: FormData) => {
  const intent = form.get("intent");
  return typeof intent === "string" ? intent : "";
};

function reply<T>(result: SubmissionResult<string[]>, form: string, status: number, extra: Partial<ActionReply<T>> = {}) {
  return data<ActionReply<T>>({ ...result, ...extra, form }, { status });
}

/**
 * Turns an expected failure into a reply shown on the page; rethrows
 * anything that belongs on the error page.
 */
export function failureReply(error: unknown, form: string, submission: { reply: (o?: object) => SubmissionResult<string[]> }, hideFields: string[] = []) {
  if (error instanceof FieldError) {
    return reply(submission.reply({ fieldErrors: { [error.field]: [error.messageKey] }, hideFields }), form, error.status, {
      values: error.values,
    });
  }
  if (isAppError(error) && isInlineStatus(appErrorStatus(error))) {
    return reply(submission.reply({ formErrors: [error.data.messageKey], hideFields }), form, appErrorStatus(error), {
      values: error.data.values,
    });
  }
  throw error;
}

export async function handleForm<S extends z.ZodType, T = undefined>(
  request: Request,
  schema: S,
  run: (value: z.output<S>, form: FormData) => Promise<T | Response> | T | Response,
  { hideFields = [], resetForm = false }: FormOptions = {},
) {
  const formData = await readForm(request);
  const form = formNameOf(formData);
  const submission = parseWithZod(formData, { schema });
  const badField = fieldWithControlCharacters(formData);
  if (badField) {
    return reply<T>(submission.reply({ fieldErrors: { [badField]: ["errors:invalid_characters"] }, hideFields }), form, 400);
  }
  if (submission.status !== "success") return reply<T>(submission.reply({ hideFields }), form, 400);
  try {
    const outcome = await run(submission.value as z.output<S>, formData);
    if (outcome instanceof Response) return outcome;
    return reply<T>(submission.reply(resetForm ? { resetForm } : { hideFields }), form, 200, {
      status: "success",
      ...(outcome === undefined ? {} : { data: outcome }),
    });
  } catch (error) {
    return failureReply(error, form, submission, hideFields);
  }
}

/**
 * The contract for a form posted to a resource route — one with no page of
 * its own to show a reply on (the header's language and display switches,
 * sign-out): the same safe body reading and schema as handleForm, but an
 * invalid answer goes to the error page as `invalid` (a translated 4xx), and
 * the verb answers a Response (a redirect).
 */
export async function handleResourceForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  run: (value: z.output<S>) => Promise<Response> | Response,
  invalid: { code: string; messageKey: string },
): Promise<Response> {
  const formData = await readForm(request);
  if (fieldWithControlCharacters(formData)) throw appError(400, "invalid_characters", "errors:invalid_characters");
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw appError(400, invalid.code, invalid.messageKey);
  return run(parsed.data);
}

/** The one error body of every JSON endpoint (the xAPI and H5P resources keep their specs' shapes). */
export interface JsonErrorBody {
  error: AppErrorBody & { requestId: string };
}

export function jsonError(context: Readonly<RouterContextProvider>, status: number, body: AppErrorBody, headers?: HeadersInit) {
  return Response.json({ error: { ...body, requestId: context.get(requestIdContext) } } satisfies JsonErrorBody, { status, headers });
}

/**
 * Runs a JSON endpoint's verb: its result as JSON, an expected failure as the
 * one error body with its status. Anything unexpected is left to the server.
 */
export async function handleJson(
  context: Readonly<RouterContextProvider>,
  run: () => Promise<unknown>,
  { headers }: { headers?: HeadersInit } = {},
): Promise<Response> {
  try {
    const result = await run();
    return result instanceof Response ? result : Response.json(result, { headers });
  } catch (error) {
    if (isAppError(error)) return jsonError(context, appErrorStatus(error), error.data, headers);
    if (error instanceof FieldError) {
      return jsonError(context, error.status, { code: "invalid_field", messageKey: error.messageKey, values: error.values }, headers);
    }
    throw error;
  }
}
