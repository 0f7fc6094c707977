import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { OfferFormSchema, parseSkills } from "./schemas-offers";

/** The offer form as the browser posts it: sixteen skill selects, most left empty. */
function posted(over: Record<string, string> = {}) {
  const form = new FormData();
  const fields: Record<string, string> = {
    title: "Menuisier·ère",
    sector: "crafts",
    commune: "Pontpoint",
    businessZone: "",
    contract: "cdd",
    durationMonths: "",
    workingTime: "full_time",
    hoursPerWeek: "",
    startsOn: "",
    noDiploma: "on",
    expiresOn: "2099-01-31",
    howToApply: "Appelez l'atelier.",
    description: "",
    ...over,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const code of ["1.1", "2.1:2", "3.1"]) form.append("skills", code.startsWith("1.") ? "" : code);
  return form;
}

describe("the offer form's schema", () => {
  it("asks for the duration of a fixed-term contract, beside its field", () => {
    const result = parseWithZod(posted(), { schema: OfferFormSchema });
    expect(result.status).toBe("error");
    expect(result.status === "error" ? result.error : null).toEqual({ durationMonths: ["jobs:errors.duration_required"] });
  });

  it("reads the skills with their levels, the empty selects ignored", () => {
    const result = parseWithZod(posted({ durationMonths: "6" }), { schema: OfferFormSchema });
    expect(result.status).toBe("success");
    if (result.status === "success") {
      expect(result.value.skills).toEqual([
        { competence: "2.1", level: 2 },
        { competence: "3.1", level: null },
      ]);
      expect(result.value.noDiploma).toBe(true);
      expect(result.value.durationMonths).toBe(6);
    }
  });

  it("refuses codes outside the PIX framework", () => {
    expect(parseSkills(["5.3"])).toBeNull();
    expect(parseSkills(["2.1:9"])).toBeNull();
    expect(parseSkills(["2.1:3, 4.1", "2.1"])).toEqual([
      { competence: "2.1", level: null },
      { competence: "4.1", level: null },
    ]);
  });
});
