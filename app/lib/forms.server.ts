import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

/** Server-side parse of a posted form against the schema the page also uses. */
export async function parseForm<Schema extends z.ZodType>(request: Request, schema: Schema) {
  return parseWithZod(await request.formData(), { schema });
}
