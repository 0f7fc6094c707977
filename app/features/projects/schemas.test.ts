import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { CreateClassSchema, parseAssessmentValue, ReviewSchema } from "./schemas";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};
const seat = "3f2b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

describe("ReviewSchema", () => {
  it("reads one select per pupil and competence, empty ones included", () => {
    const result = parseWithZod(
      form([
        ["decision", "returned"],
        ["comment", "Ajoutez une source."],
        ["assessment", `${seat}|2.3|3`],
        ["assessment", ""],
        ["assessment", `${seat}|3.1|8`],
      ]),
      { schema: ReviewSchema },
    );
    expect(result.status).toBe("success");
    if (result.status === "success") expect(result.value.assessment.filter(Boolean)).toEqual([`${seat}|2.3|3`, `${seat}|3.1|8`]);
  });
  it("needs a comment to return work for changes", () => {
    const result = parseWithZod(form([["decision", "returned"]]), { schema: ReviewSchema });
    expect(result.status).toBe("error");
    expect(result.reply().error?.comment).toEqual(["projects:errors.comment_required_for_return"]);
  });
  it("checks each level value", () => {
    expect(parseAssessmentValue(`${seat}|2.3|3`)).toEqual({ seatId: seat, competence: "2.3", level: 3 });
    expect(parseAssessmentValue(`${seat}|9.9|3`)).toBeNull();
    expect(parseAssessmentValue(`${seat}|2.3|9`)).toBeNull();
    expect(parseAssessmentValue(`pas-un-id|2.3|3`)).toBeNull();
  });
});

describe("CreateClassSchema", () => {
  it("wants a school year of two following years", () => {
    const base = { name: "4e B", school: "Collège", level: "quatrieme" };
    expect(CreateClassSchema.safeParse({ ...base, schoolYear: "2026-2027" }).success).toBe(true);
    expect(CreateClassSchema.safeParse({ ...base, schoolYear: "2026-2028" }).success).toBe(false);
    expect(CreateClassSchema.safeParse({ ...base, schoolYear: "2026", level: "cp" }).success).toBe(false);
  });
});
