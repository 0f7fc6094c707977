import { describe, expect, it } from "vitest";
import { launchRole, scoresUrl } from "./claims";

const M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
const I = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";

describe("launchRole", () => {
  it("is a learner only when the platform says learner and nothing that teaches", () => {
    expect(launchRole([`${M}Learner`])).toBe("learner");
    expect(launchRole([`${I}Student`])).toBe("learner");
    expect(launchRole([`${M}Learner`, `${M}Instructor`])).toBe("instructor");
    expect(launchRole([`${M}Instructor#TeachingAssistant`])).toBe("instructor");
    expect(launchRole(["Instructor"])).toBe("instructor");
    expect(launchRole([])).toBe("other");
    expect(launchRole(["http://example.org/role#Learner"])).toBe("other");
  });
});

describe("scoresUrl", () => {
  it("appends /scores to the line item's path, keeping its query", () => {
    expect(scoresUrl("https://lms.example/lineitems/7/lineitem")).toBe("https://lms.example/lineitems/7/lineitem/scores");
    expect(scoresUrl("https://lms.example/mod/lti/services.php/2/lineitems/3/lineitem?type_id=1")).toBe(
      "https://lms.example/mod/lti/services.php/2/lineitems/3/lineitem/scores?type_id=1",
    );
  });
});
