import { z } from "zod";

/** The two buttons of a path page: « Je suis ce parcours » and « Je quitte ce parcours ». */
export const PathChoiceSchema = z.object({
  intent: z.enum(["choose", "leave"], { error: "paths:errors.choice_invalid" }),
});
