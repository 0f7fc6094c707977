import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { profileCases } from "./profile-cases";
import { json, newAgent, onBothDatabases } from "./support";

// The Agent Profile resource (xAPI-Communication §2.6) and its concurrency rules (§3.1).

onBothDatabases("Agent Profile resource", (lrs) => {
  profileCases(lrs, "agent-profile", () => ({ agent: JSON.stringify(newAgent()) }));

  it("Comm §2.6.s3.table1.row1 (ADL XAPI-00257): the agent parameter must be an Agent — a Group or anything else is a 400", async () => {
    for (const agent of ["1", "true", '"not Agent"', '{"key":"value"}', JSON.stringify({ objectType: "Group", mbox: `mailto:${randomUUID()}@example.org` })]) {
      const response = await lrs().call("agent-profile", "PUT", { agent, profileId: "p" }, { body: "{}", headers: { "If-None-Match": "*" } });
      expect(response.status, agent).toBe(400);
      expect((await json(response)).error, agent).toBe("bad_parameter");
    }
  });
});
