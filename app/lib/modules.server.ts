import type { User } from "../../db/schema/accounts";
import type { DbOrTrx } from "./db.server";
import type { Locale } from "./i18n";
import type { CalendarEvent } from "./ics.server";
import { registerPeriodicJob, type PeriodicJob } from "./jobs.server";
import { registerPersonalData, type PersonalDataSource } from "./personal-data.server";

/**
 * What a domain plugs into the rest of the app, declared once in
 * `app/features/<domain>/module.server.ts` and listed in `app/modules.server.ts`
 * (decision 031). Adding a domain touches its folder and that one line.
 */
export interface DomainModule {
  name: string;
  /** Periodic jobs (reminders, clean-ups); each runs once at a time across processes. */
  jobs?: readonly PeriodicJob[];
  /** How to export and erase what the domain keeps about a person (GDPR 15, 17, 20). */
  personalData?: readonly PersonalDataSource[];
  /** Dated events that go into a person's calendar feed. */
  calendar?: readonly CalendarSource[];
  /** Entries of the main navigation. */
  nav?: readonly NavEntry[];
}

/**
 * A domain's events for one person, ending after `from`, with stable uids.
 */
export type CalendarSource = (db: DbOrTrx, userId: string, options: { from: Date; locale: Locale }) => Promise<CalendarEvent[]>;

export type NavSection = "discover" | "mine" | "staff";

export interface NavEntry {
  to: string;
  /** i18n key (`namespace:key`). */
  labelKey: string;
  /** What everyone comes for, the person's own things, staff tools — shown in that order. */
  section: NavSection;
  /** Place within the section; lower first. */
  order: number;
  /** Who sees the link; everybody when absent. The server still checks each page. */
  visible?: (user: Pick<User, "role"> | null) => boolean;
  /**
   * For a link that depends on what the person has, not only their role (a
   * pupil's school classes): asked only for signed-in people `visible` lets through.
   */
  visibleWhen?: (db: DbOrTrx, user: Pick<User, "id" | "role">) => Promise<boolean>;
}

/** What the header needs of an entry (sent to the page, so plain data). */
export interface NavLink {
  to: string;
  labelKey: string;
  section: NavSection;
}

const installed: DomainModule[] = [];

export function installModules(modules: readonly DomainModule[]) {
  for (const module of modules) {
    if (installed.some((m) => m.name === module.name)) continue;
    installed.push(module);
    for (const job of module.jobs ?? []) registerPeriodicJob(job);
    for (const source of module.personalData ?? []) registerPersonalData(source);
  }
}

export function installedModules(): readonly DomainModule[] {
  return installed;
}

export function calendarSources(): CalendarSource[] {
  return installed.flatMap((m) => m.calendar ?? []);
}

const SECTIONS: NavSection[] = ["discover", "mine", "staff"];

export async function navigationFor(db: DbOrTrx, user: Pick<User, "id" | "role"> | null): Promise<NavLink[]> {
  const byRole = installed.flatMap((m) => m.nav ?? []).filter((entry) => !entry.visible || entry.visible(user));
  const byData = await Promise.all(byRole.map((entry) => (entry.visibleWhen ? (user ? entry.visibleWhen(db, user) : false) : true)));
  return byRole
    .filter((_, i) => byData[i])
    .sort((a, b) => SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section) || a.order - b.order)
    .map(({ to, labelKey, section }) => ({ to, labelKey, section }));
}

/** Typed identity: lets a domain's manifest be checked where it is written. */
export const defineModule = (module: DomainModule) => module;
