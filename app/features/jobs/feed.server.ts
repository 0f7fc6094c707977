import { Feed } from "feed";
import { href } from "react-router";
import type { DbOrTrx } from "../../lib/db.server";
import { serverT } from "../../lib/i18n.server";
import { publicUrl } from "../../lib/public-url.server";
import { pixKey } from "../courses/vocabulary";
import { listPublishedOffers, type OfferView } from "./offers.server";

/**
 * The feed's entries are typed "html" (what the `feed` package writes): every
 * text we put there is escaped, so an offer titled « R&D <junior> » stays text.
 */
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function summary(offer: OfferView, t: ReturnType<typeof serverT>) {
  const facts = [
    t(`jobs:sectors.${offer.sector}`),
    t(`jobs:contracts.${offer.contract}`),
    t(`jobs:working_times.${offer.workingTime}`),
    offer.commune,
    offer.noDiploma ? t("jobs:offer.no_diploma") : null,
  ].filter(Boolean);
  return facts.join(" · ");
}

function content(offer: OfferView, t: ReturnType<typeof serverT>) {
  const skills = offer.skills.map(
    (s) =>
      `<li>${escapeHtml(t(`courses:${pixKey(s.competence)}`))}${s.level ? ` (${escapeHtml(t("jobs:offer.level", { level: s.level }))})` : ""}</li>`,
  );
  return [
    `<p>${escapeHtml(summary(offer, t))}</p>`,
    offer.description ? `<p>${escapeHtml(offer.description)}</p>` : "",
    skills.length ? `<p>${escapeHtml(t("jobs:offer.skills_title"))}</p><ul>${skills.join("")}</ul>` : "",
    `<p>${escapeHtml(t("jobs:offer.how_to_apply"))} ${escapeHtml(offer.howToApply)}</p>`,
  ].join("");
}

/**
 * The published offers as Atom 1.0 or RSS 2.0. Ids are the offers' public
 * addresses (stable: an offer keeps its id when edited), `updated` is the
 * last change, links are absolute through the one public address of the site.
 */
export async function offersFeed(db: DbOrTrx, format: "atom" | "rss", now = new Date()) {
  const base = publicUrl();
  const t = serverT("fr");
  const offers = await listPublishedOffers(db, {}, now);
  const updated = offers.reduce<Date | null>((latest, o) => (!latest || o.updatedAt > latest ? o.updatedAt : latest), null);
  const feed = new Feed({
    title: t("jobs:feed.title"),
    description: t("jobs:feed.description"),
    id: `${base}${href("/emplois")}`,
    link: `${base}${href("/emplois")}`,
    language: "fr",
    // An empty list has not changed since… we cannot say: the time of the request is the honest answer.
    updated: updated ?? now,
    generator: "Passerelle",
    copyright: t("jobs:feed.rights"),
    author: { name: "Passerelle", link: base },
    feedLinks: {
      atom: `${base}${href("/emplois/flux.atom")}`,
      rss: `${base}${href("/emplois/flux.rss")}`,
    },
  });
  for (const offer of offers) {
    const link = `${base}${href("/emplois/:id", { id: offer.id })}`;
    feed.addItem({
      title: escapeHtml(`${offer.title} — ${offer.partnerName}, ${offer.commune}`),
      id: link,
      link,
      date: offer.updatedAt,
      published: offer.publishedAt ?? offer.updatedAt,
      description: escapeHtml(summary(offer, t)),
      content: content(offer, t),
      author: [
        {
          name: offer.partnerName,
          link: `${base}${href("/partenaires/:slug", { slug: offer.partnerSlug })}`,
        },
      ],
      category: [{ name: t(`jobs:sectors.${offer.sector}`), term: offer.sector }],
    });
  }
  return format === "atom" ? feed.atom1() : feed.rss2();
}
