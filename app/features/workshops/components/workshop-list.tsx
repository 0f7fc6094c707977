import { href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";
import { formatDate } from "../../../lib/i18n";

export interface WorkshopListItem {
  id: string;
  title: string;
  starts_at: Date | string;
  ends_at: Date | string;
  themes: string[];
  level: string;
  is_remote: boolean;
  space_name: string | null;
  space_commune: string | null;
  seats: number;
  seatsLeft: number;
  waitlisted: number;
}

/** "mardi 3 décembre 2026, 14 h 00 – 16 h 00" in Paris time. */
export function WorkshopWhen({ start, end }: { start: Date | string; end: Date | string }) {
  const { i18n } = useTranslation();
  const day = formatDate(start, i18n.language, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const time = (d: Date | string) => formatDate(d, i18n.language, { hour: "2-digit", minute: "2-digit" });
  return (
    <>
      {day}, {time(start)} – {time(end)}
    </>
  );
}

export function SeatsLeft({ seatsLeft, waitlisted }: { seatsLeft: number; waitlisted: number }) {
  const { t } = useTranslation("workshops");
  if (seatsLeft > 0) return <span className="seats">{t("seats_left", { count: seatsLeft })}</span>;
  return <span className="seats full">{t("full_waitlist", { count: waitlisted })}</span>;
}

export function WorkshopList({ workshops, headingLevel = 2 }: { workshops: WorkshopListItem[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation("workshops");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="cards workshop-cards">
      {workshops.map((w) => (
        <li key={w.id} className="card">
          <Heading className="card-title">
            <a href={href("/ateliers/:id", { id: w.id })}>{w.title}</a>
          </Heading>
          <p>
            <WorkshopWhen start={w.starts_at} end={w.ends_at} />
          </p>
          <p>{w.is_remote ? t("remote") : `${w.space_name ?? ""} (${w.space_commune ?? ""})`}</p>
          <p className="tags">
            {w.themes.map((theme) => (
              <span key={theme} className="tag">
                {t(`mediation:vocab.thematique.${theme}`)}
              </span>
            ))}
            <span className="tag level">{t(`mediation:vocab.niveau_atelier.${w.level}`)}</span>
          </p>
          <p>
            <SeatsLeft seatsLeft={w.seatsLeft} waitlisted={w.waitlisted} />
          </p>
        </li>
      ))}
    </ul>
  );
}
