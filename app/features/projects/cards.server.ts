import type { DbOrTrx } from "../../lib/db.server";

/**
 * Access cards for pupils created by import (no email, no password): they
 * sign in at /connexion/carte with the code printed on the card. Issued in
 * the caller's transaction so that a pupil never exists without a card, or
 * a card without its pupil.
 */
export async function issuePupilCard(_trx: DbOrTrx, _userId: string, _issuedBy: string): Promise<string | null> {
  // Wired to the mediation domain's access cards once they land (see the report).
  return null;
}
