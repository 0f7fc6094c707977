import { expect, it } from "vitest";
import { json, onBothDatabases } from "./support";

// The About resource (xAPI-Communication §2.8).

onBothDatabases("About resource", (lrs) => {
  it("Comm §2.8.s5: the versions, without credentials nor version header", async () => {
    const response = await lrs().call("about", "GET", {}, { auth: null, version: null });
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Experience-API-Version")).toBe("1.0.3");
    expect(await json(response)).toEqual({ version: ["1.0.3", "1.0.2", "1.0.1", "1.0.0"] });
  });

  it("Comm §1.3: the alternate syntax — GET as a POST; the only method About has", async () => {
    const response = await lrs().alternate("about", "GET", {});
    expect(response.status).toBe(200);
    expect((await json(response)).version).toContain("1.0.3");
    expect((await lrs().alternate("about", "PUT", { content: "{}" })).status).toBe(405);
    expect((await lrs().alternate("about", "GET", {}, { httpMethod: "PUT" })).status).toBe(400);
  });
});
