import { describe, expect, it } from "vitest";
import en from "../../locales/en/xapi.json";
import fr from "../../locales/fr/xapi.json";
import { IssueCredentialSchema, SCOPES } from "./schemas";

describe("the credentials form's scopes", () => {
  it("offers every scope the LRS checks, documents' ones included, each with a French and an English label", () => {
    expect(SCOPES).toEqual(expect.arrayContaining(["all", "all/read"]));
    for (const scope of SCOPES) {
      expect(fr.admin.scope[scope], scope).toBeTruthy();
      expect(en.admin.scope[scope], scope).toBeTruthy();
    }
    const parsed = IssueCredentialSchema.safeParse({ intent: "issue", label: "Lecteur cmi5", scopes: ["all/read", "all"] });
    expect(parsed.success).toBe(true);
    expect(IssueCredentialSchema.safeParse({ intent: "issue", label: "x", scopes: ["state"] }).success).toBe(false);
  });
});
