import { describe, expect, it } from "vitest";
import { displayPhone } from "./phone";

describe("displayPhone", () => {
  it("writes French numbers as people do, with a tel: link in international form", () => {
    expect(displayPhone("+33344244080")).toEqual({ text: "03 44 24 40 80", href: "tel:+33344244080" });
    expect(displayPhone("03.44.72.05.10")).toEqual({ text: "03 44 72 05 10", href: "tel:+33344720510" });
    expect(displayPhone("0612345678")).toEqual({ text: "06 12 34 56 78", href: "tel:+33612345678" });
  });

  it("keeps a foreign number international", () => {
    expect(displayPhone("+32 2 555 12 12")).toEqual({ text: "+32 2 555 12 12", href: "tel:+3225551212" });
  });

  it("shows what it cannot read as typed, without a link", () => {
    expect(displayPhone(" 12 ")).toEqual({ text: "12", href: null });
  });
});
