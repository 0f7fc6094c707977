import { useTranslation } from "../../../lib/use-translation";

export interface PrintableCard {
  seatNumber?: number;
  firstName: string;
  code: string;
  qr: string;
}

/**
 * The access cards of pupils created by import, ready to print and cut
 * (the site's header and footer are hidden when printing). Each code is
 * shown once, here: only its hash is stored.
 */
export function AccessCards({ cards, className, siteUrl }: { cards: PrintableCard[]; className: string; siteUrl: string }) {
  const { t } = useTranslation("projects");
  if (cards.length === 0) return null;
  return (
    <section aria-labelledby="cards-heading" className="access-cards">
      <h2 id="cards-heading">{t("cards.heading")}</h2>
      <p className="no-print">{t("cards.print_hint")}</p>
      <ul className="card-sheet">
        {cards.map((c) => (
          <li key={c.code} className="access-card">
            <p className="access-card-name">{c.firstName}</p>
            <p className="access-card-class">{className}</p>
            <img src={c.qr} alt={t("cards.qr_alt", { name: c.firstName })} width={110} height={110} />
            <p>
              {t("cards.code_label")} <strong className="access-card-code">{c.code}</strong>
            </p>
            <p className="access-card-how">{t("cards.how", { site: siteUrl.replace(/^https?:\/\//, "") })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
