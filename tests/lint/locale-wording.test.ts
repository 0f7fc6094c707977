import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { QUESTIONS } from "../../app/features/diagnostic/questions";

const strings = (locale: string, ns: string) => JSON.parse(readFileSync(`app/locales/${locale}/${ns}.json`, "utf8"));

describe("wording that must agree", () => {
  for (const locale of ["fr", "en"]) {
    it(`${locale}: the diagnostic's length is said in one string, with the real number of questions`, () => {
      const length: string = strings(locale, "diagnostic").length;
      expect(length).toContain(String(QUESTIONS.length));
      for (const [ns, text] of [
        ["diagnostic", strings(locale, "diagnostic").intro],
        ["paths", strings(locale, "paths").list.diagnostic_cta],
        ["record", strings(locale, "record").diagnostic.take],
      ] as const) {
        expect(text, ns).toContain("$t(diagnostic:length)");
        expect(text, ns).not.toMatch(/\d+ min/);
      }
    });

    it(`${locale}: the card's printed words are the words of the link that leads to card sign-in`, () => {
      const linkText: string = strings(locale, "common").account.sign_in_card;
      expect(strings(locale, "mediation").card.pdf_how).toContain(linkText);
      expect(strings(locale, "mediation").card_sign_in.title).toBe(linkText);
    });

    it(`${locale}: the columns of « Mes résultats » have distinct titles`, () => {
      const mine = strings(locale, "h5p").mine;
      const titles = [mine.lesson, mine.activity, mine.best, mine.lesson_status, mine.last_at];
      expect(new Set(titles).size).toBe(titles.length);
    });
  }
});

describe("the nested length, as i18next renders it", () => {
  it("reads the same figure on the diagnostic and paths pages", async () => {
    const { serverT } = await import("../../app/lib/i18n.server");
    const t = serverT("fr");
    expect(t("diagnostic:intro")).toMatch(/^12 questions courtes, environ 5 minutes\. /);
    expect(t("paths:list.diagnostic_cta")).toContain("(12 questions courtes, environ 5 minutes)");
    expect(t("record:diagnostic.take")).toBe("Faire le diagnostic (12 questions courtes, environ 5 minutes)");
  });
});
