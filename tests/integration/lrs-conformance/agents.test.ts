import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { json, onBothDatabases, statement, store } from "./support";

// The Agents resource (xAPI-Communication §2.4): the Person object of an Agent.

onBothDatabases("Agents resource", (lrs) => {
  it("Comm §2.4.s2–s6: a Person object with arrays, and the names statements gave the agent", async () => {
    const mbox = `mailto:${randomUUID()}@example.org`;
    await store(lrs(), statement({ actor: { name: "Ana", mbox } }));
    const response = await lrs().call("agents", "GET", { agent: JSON.stringify({ objectType: "Agent", mbox }) });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ objectType: "Person", name: ["Ana"], mbox: [mbox] });
  });

  it("Comm §2.4.s3.b3: an unknown Agent is still a Person with what the request gave", async () => {
    const account = { homePage: "https://elsewhere.example", name: randomUUID() };
    expect(await json(await lrs().call("agents", "GET", { agent: JSON.stringify({ account }) }))).toEqual({ objectType: "Person", account: [account] });
  });

  it("Comm §2.4.s2: the agent parameter is an Agent, not a Group (400), and is required", async () => {
    expect((await lrs().call("agents", "GET", { agent: JSON.stringify({ objectType: "Group", mbox: "mailto:g@example.org" }) })).status).toBe(400);
    expect((await lrs().call("agents", "GET", {})).status).toBe(400);
  });

  it("Comm §1.3: the alternate syntax — GET as a POST with the agent and the headers in the form", async () => {
    const mbox = `mailto:${randomUUID()}@example.org`;
    await store(lrs(), statement({ actor: { name: "Léa", mbox } }));
    const response = await lrs().alternate("agents", "GET", { agent: JSON.stringify({ mbox }), Authorization: lrs().auth.allRead, "X-Experience-API-Version": "1.0.3" });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ objectType: "Person", name: ["Léa"], mbox: [mbox] });
    const extra = await lrs().alternate("agents", "GET", { agent: JSON.stringify({ mbox }) }, { query: `method=GET&agent=${encodeURIComponent(JSON.stringify({ mbox }))}` });
    expect((await json(extra)).error).toBe("alternate_query");
  });
});
