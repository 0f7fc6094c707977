import { expect, it } from "vitest";
import { profileCases } from "./profile-cases";
import { json, onBothDatabases, unique } from "./support";

// The Activity Profile resource (xAPI-Communication §2.7) and its concurrency rules (§3.1).

onBothDatabases("Activity Profile resource", (lrs) => {
  profileCases(lrs, "activity-profile", () => ({ activityId: unique() }));

  it("Comm §2.7.s3.table1.row1: activityId is required and must be an IRI; the resource takes no agent", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ profileId: "p" }, "parameter_required"],
      [{ activityId: "not an iri", profileId: "p" }, "bad_parameter"],
      [{ activityId: unique(), profileId: "p", agent: '{"mbox":"mailto:a@example.org"}' }, "unknown_parameter"],
    ];
    for (const [query, code] of cases) {
      const response = await lrs().call("activity-profile", "PUT", query, { body: "{}", headers: { "If-None-Match": "*" } });
      expect(response.status, code).toBe(400);
      expect((await json(response)).error, code).toBe(code);
    }
  });
});
