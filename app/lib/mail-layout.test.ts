import { describe, expect, it } from "vitest";
import { mailHtml } from "./mail-layout";

describe("mailHtml", () => {
  const html = mailHtml({
    subject: "Votre place <confirmée>",
    text: "Bonjour Jeanne,\n\nVotre place est réservée.\nVoir l'atelier : https://passerelle.example/ateliers/42.\n\nÀ bientôt & merci",
    lang: "fr",
    siteUrl: "https://passerelle.example",
  });

  it("says what the text says, paragraph by paragraph, escaped", () => {
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("<title>Votre place &lt;confirmée&gt;</title>");
    expect(html).toContain(">Bonjour Jeanne,</p>");
    expect(html).toContain("Votre place est réservée.<br>");
    expect(html).toContain("À bientôt &amp; merci");
  });

  it("makes the addresses links, without the sentence's full stop", () => {
    expect(html).toContain('<a href="https://passerelle.example/ateliers/42" style="color:#0b5394">https://passerelle.example/ateliers/42</a>.');
  });
});
