import { z } from "zod";
import { QUESTIONS } from "./questions";

const answerFields = Object.fromEntries(
  QUESTIONS.map((q) => [
    q.id,
    z.enum(q.options.map((o) => o.id) as [string, ...string[]], { error: "diagnostic:errors.answer_required" }),
  ]),
);

/** The diagnostic form: one radio group per question, and whom it is for (staff only). */
export const DiagnosticSchema = z.object({
  ...answerFields,
  learnerId: z.string().max(64).optional(),
});

export type DiagnosticInput = z.infer<typeof DiagnosticSchema>;

/** The answers alone, keyed by question id. */
export function answersOf(input: DiagnosticInput): Record<string, string> {
  return Object.fromEntries(QUESTIONS.map((q) => [q.id, String((input as Record<string, unknown>)[q.id])]));
}
