import { execFileSync } from "node:child_process";
import path from "node:path";

export interface IcalCheck {
  errors: string[];
  method: string | null;
  events: {
    uid: string;
    start: string;
    end: string;
    startTzid: string | null;
    stamp: string;
    summary: string;
    status: string | null;
    organizer: string | null;
    sequence: number;
  }[];
}

/**
 * Checks a calendar with tools that share no code with ours: python-icalendar
 * and libical 3 (its GObject bindings, iTIP restriction checks included), both
 * from Debian (`apt-get install python3-icalendar gir1.2-ical-3.0 python3-gi`,
 * as .ci/run does). Debian's own python3 is called by path: another python
 * earlier in PATH would not see Debian's packages.
 */
export function checkIcal(ics: string): IcalCheck {
  const output = execFileSync("/usr/bin/python3", [path.join(import.meta.dirname, "ical-check.py")], { input: ics, encoding: "utf8" });
  return JSON.parse(output) as IcalCheck;
}
