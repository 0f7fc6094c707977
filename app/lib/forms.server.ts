import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "react-router";
import type { z } from "zod";

/** Server-side parse of a posted form against the schema the page also uses. */
export async function parseForm<Schema extends z.ZodType>(request: Request, schema: Schema) {
  return parseWithZod(await request.formData(), { schema });
}

type Submission = Awaited<ReturnType<typeof parseForm>>;

/** A 400 reply carrying translated-on-the-page field errors; secrets are not echoed back. */
export function invalidForm(
  submission: Submission,
  fieldErrors?: Record<string, string[]>,
  { hideFields = [] as string[], formErrors }: { hideFields?: string[]; formErrors?: string[] } = {},
) {
  return data(submission.reply({ fieldErrors, formErrors, hideFields }), { status: 400 });
}
