import { describe, expect, it } from "vitest";
import { launchedActivityHref, launchedPlayerHref, launchedRelayHref, launchedStatePrefix } from "./activity-urls";
import { launchOrigins } from "./launched-h5p.server";

describe("H5P inside a launch (decision 048)", () => {
  it("is framed by the launch's platform only: its issuer's and login endpoint's origins, each once, never a wildcard", () => {
    expect(launchOrigins({ issuer: "https://moodle.example", auth_url: "https://moodle.example/mod/lti/auth.php" })).toEqual(["https://moodle.example"]);
    expect(launchOrigins({ issuer: "https://canvas.instructure.com", auth_url: "https://sso.canvaslms.com/api/lti/authorize_redirect" })).toEqual([
      "https://canvas.instructure.com",
      "https://sso.canvaslms.com",
    ]);
    expect(launchOrigins({ issuer: "not a url", auth_url: "*" })).toEqual([]);
  });

  it("addresses its frames, state and relay under the launch's pages, where the launch's cookie goes", () => {
    const launch = "5f0c2b7e-1d2a-4c3b-8e9f-0a1b2c3d4e5f";
    const content = "1b7e2a0c-3f43-4b0e-9b7c-0e6a8f1d2c33";
    for (const url of [launchedActivityHref(launch, "activite", content, "opened.sig"), launchedPlayerHref(launch, "activite", content), launchedRelayHref(launch), launchedStatePrefix(launch, "activite")]) {
      expect(url.startsWith(`/lti/l/${launch}/`), url).toBe(true);
    }
    expect(launchedActivityHref(launch, "activite", content, "a b")).toBe(`/lti/l/${launch}/h5p/activite/${content}?ouverte=a%20b`);
    expect(launchedStatePrefix(launch, "activite")).toBe(`/lti/l/${launch}/etat/activite`);
  });
});
