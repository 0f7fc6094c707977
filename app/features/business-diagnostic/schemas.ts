import { z } from "zod";
import { BUSINESS_QUESTIONS, SECTORS } from "./questionnaire";

const optionalText = z
  .string()
  .trim()
  .max(100, { error: "business:errors.too_long" })
  .optional()
  .transform((v) => (v ? v : undefined));

const answerFields = Object.fromEntries(
  BUSINESS_QUESTIONS.map((q) => [q.id, z.enum(q.options.map((o) => o.id) as [string, ...string[]], { error: "business:errors.answer_required" })]),
);

export const BusinessDiagnosticSchema = z.object({
  businessName: optionalText,
  commune: optionalText,
  sector: z.enum(SECTORS, { error: "business:errors.sector_required" }),
  ...answerFields,
});

export type BusinessDiagnosticInput = z.infer<typeof BusinessDiagnosticSchema>;

export function businessAnswersOf(input: BusinessDiagnosticInput): Record<string, string> {
  return Object.fromEntries(BUSINESS_QUESTIONS.map((q) => [q.id, String((input as Record<string, unknown>)[q.id])]));
}
