import { z } from "zod";

const E = (key: string) => ({ error: `questions:errors.${key}` });
const id = z.uuid(E("question_not_found"));

const body = z.string(E("body_required")).trim().min(5, E("body_too_short")).max(2000, E("too_long"));

/** The two forms of the « ask a question » route: ask, and « cette réponse m'a aidé » from the lesson. */
export const AskFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("ask"),
    body,
    visibility: z.enum(["tutors", "learners"], E("visibility_invalid")).default("tutors"),
  }),
  z.object({ intent: z.literal("useful"), questionId: id }),
]);

/** The tutors' queue: answer (and approve at once), or approve an answered public question. */
export const QueueFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("answer"),
    questionId: id,
    answer: z.string(E("answer_required")).trim().min(2, E("answer_required")).max(4000, E("too_long")),
    publish: z
      .literal("1")
      .optional()
      .transform((v) => v === "1"),
  }),
  z.object({ intent: z.literal("approve"), questionId: id }),
]);
