import i18next from "i18next";
import { describe, expect, it } from "vitest";
import en from "../../../locales/en/courses.json";
import fr from "../../../locales/fr/courses.json";

// The confirmation builds its keys from the kind ("trash.confirm.module.…"):
// every combination must resolve, in both languages, for 0, 1 and many.
describe("the deletion confirmation's sentences", () => {
  for (const [lang, courses] of [["fr", fr], ["en", en]] as const) {
    it(`all resolve in ${lang}`, async () => {
      const i18n = i18next.createInstance();
      await i18n.init({ lng: lang, resources: { [lang]: { courses } }, defaultNS: "courses", interpolation: { escapeValue: false } });
      const keys = ["title", "nobody", "started", "completed", "restore"].flatMap((k) => [`trash.confirm.module.${k}`, `trash.confirm.lesson.${k}`]);
      keys.push("trash.confirm.module.hidden", "trash.confirm.lesson.hidden", "trash.confirm.completes_course", "trash.module_item", "trash.lesson_item");
      for (const key of keys) {
        for (const count of [0, 1, 3]) {
          const text = i18n.t(key, { count, title: "T", module: "M", days: 30 });
          expect(text, `${key} (${count})`).not.toContain("trash.");
          expect(text, `${key} (${count})`).not.toContain("{{");
        }
      }
      expect(i18n.t("trash.confirm.lesson.completed", { count: 0 })).not.toContain("0");
    });
  }
});
