import type { DbOrTrx } from "../../../lib/db.server";
import type { Months, Trx } from "./sql.server";

/**
 * One domain's contribution to the indicators. A source lists the tables it
 * reads: when one of them does not exist (the domain has not landed in this
 * deployment), the source is skipped and its indicators are simply absent.
 */
export interface StatsSource {
  name: string;
  tables: readonly string[];
  /** Indicator ids written to stats_monthly. */
  counts: readonly string[];
  /** Indicator ids written to stats_people (people with an account, counted once per period). */
  people: readonly string[];
  /** People indicators whose first month per person is tracked (first-time vs returning). */
  firstTime?: readonly string[];
  /** Months (YYYY-MM-01) touched by rows created or changed after `since`. */
  changedMonths(db: DbOrTrx, since: Date): Promise<string[]>;
  /** Writes this source's rows for `months` (all months when null); the caller has deleted the old ones. */
  write(trx: Trx, months: Months): Promise<void>;
}
