import { describe, expect, it } from "vitest";
import { notificationLink } from "./targets";

describe("notificationLink", () => {
  it("builds the link of a named route with its parameters and anchor", () => {
    expect(notificationLink("badge", { id: "b1" })).toBe("/badges/b1");
    expect(notificationLink("lesson", { slug: "mon-cours", lessonId: "l1", "#": "question-q1" })).toBe("/cours/mon-cours/lecons/l1#question-q1");
  });
  it("falls back to « Mes notifications » for a route that no longer exists, or a prototype key", () => {
    expect(notificationLink("removed-route", { id: "x" })).toBe("/notifications");
    expect(notificationLink("constructor", {})).toBe("/notifications");
  });
  it("encodes parameters (no path injection through a stored value)", () => {
    expect(notificationLink("workshop", { id: "../admin" })).toBe("/ateliers/..%2Fadmin");
  });
});
