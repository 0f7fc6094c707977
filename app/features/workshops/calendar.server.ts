import type { DbOrTrx } from "../../lib/db.server";
import { publicUrl } from "../../lib/public-url.server";
import type { Locale } from "../../lib/i18n";
import { serverT } from "../../lib/i18n.server";
import { buildCalendar, type CalendarEvent } from "../../lib/ics.server";
import { isUuid } from "../../lib/ids";
import { workshopNotFound } from "./access.server";
import { listCalendarWorkshopsOf } from "./person-queries.server";
import * as q from "./queries.server";

type Summary = NonNullable<Awaited<ReturnType<typeof q.findWorkshopSummary>>>;


export function workshopEvent(w: Summary, locale: Locale): CalendarEvent {
  const t = serverT(locale);
  const url = `${publicUrl()}/ateliers/${w.id}`;
  const description = [w.description, w.equipment_to_bring ? t("workshops:ics.bring", { what: w.equipment_to_bring }) : null, url]
    .filter(Boolean)
    .join("\n\n");
  return {
    uid: `workshop-${w.id}@passerelle`,
    start: w.starts_at,
    end: w.ends_at,
    summary: t("workshops:ics.summary", { title: w.title }),
    description,
    location: w.is_remote ? t("workshops:remote") : [w.space_name, w.space_address, `${w.space_postal_code ?? ""} ${w.space_commune ?? ""}`.trim()].filter(Boolean).join(", "),
    url,
    cancelled: !!w.cancelled_at,
    sequence: w.sequence,
  };
}

/** The public .ics of one workshop. */
export async function workshopIcs(db: DbOrTrx, id: string, locale: Locale) {
  const w = isUuid(id) ? await q.findWorkshopSummary(db, id) : undefined;
  if (!w) throw workshopNotFound();
  return { body: buildCalendar(w.title, [workshopEvent(w, locale)]), filename: `atelier-${w.id.slice(0, 8)}.ics` };
}

/** The same file, to attach to a booking mail. */
export async function workshopIcsAttachment(db: DbOrTrx, id: string, locale: Locale) {
  const { body, filename } = await workshopIcs(db, id, locale);
  return { filename, contentType: "text/calendar; charset=utf-8", content: body };
}

/**
 * The personal feed's workshop events: seats the person holds and workshops
 * they lead, from a month back. A cancelled workshop stays, marked CANCELLED,
 * so calendar apps remove it.
 */
export async function workshopCalendarEvents(db: DbOrTrx, userId: string, { from, locale }: { from: Date; locale: Locale }) {
  const rows = await listCalendarWorkshopsOf(db, userId, from);
  return rows.map((w) => workshopEvent(w, locale));
}
