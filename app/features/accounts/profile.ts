import { z } from "zod";
import { codes, LEARNER_AUDIENCES } from "../mediation/vocabulary";

/**
 * What the yearly evaluation needs to know about a learner, asked at sign-up
 * and editable on /compte: who they are (the audience codes mediators use for
 * assisted accounts, so one vocabulary feeds the reports) and where they live
 * (the 17 communes of the Communauté de communes des Pays d'Oise et
 * d'Halatte, or elsewhere). Both optional; « Je préfère ne pas dire » is
 * stored as nothing, like an unanswered question (the reports show both as
 * « Non renseigné »). Left on the empty choice, a field is `undefined`:
 * nothing at sign-up, "no change" on /compte — so a commune a mediator typed
 * outside the list is not wiped by someone saving their last name.
 */
export const TERRITORY_COMMUNES = [
  "Angicourt",
  "Bazicourt",
  "Beaurepaire",
  "Brenouille",
  "Cinqueux",
  "Les Ageux",
  "Monceaux",
  "Pont-Sainte-Maxence",
  "Pontpoint",
  "Rhuis",
  "Rieux",
  "Roberval",
  "Sacy-le-Grand",
  "Saint-Martin-Longueau",
  "Verneuil-en-Halatte",
  "Villeneuve-sur-Verberie",
  "Villers-Saint-Frambourg-Ognon",
] as const;

/** Stored as the commune of someone who lives outside the territory. */
export const OTHER_COMMUNE = "Autre commune";
export const PREFER_NOT_TO_SAY = "non_communique";

export const PROFILE_AUDIENCES = codes(LEARNER_AUDIENCES);

const audience = z
  .enum([...PROFILE_AUDIENCES, PREFER_NOT_TO_SAY], { error: "accounts:errors.audience_invalid" })
  .optional()
  .transform((v) => (v === PREFER_NOT_TO_SAY ? null : v));

const commune = z
  .enum([...TERRITORY_COMMUNES, OTHER_COMMUNE, PREFER_NOT_TO_SAY], { error: "accounts:errors.commune_invalid" })
  .optional()
  .transform((v) => (v === PREFER_NOT_TO_SAY ? null : v));

const lastName = z
  .string()
  .trim()
  .max(80, { error: "accounts:errors.name_too_long" })
  .optional()
  .transform((v) => v || null);

/** The optional fields of sign-up and of the profile form on /compte. */
export const profileFields = { lastName, audience, commune };

/** How the form shows a stored value (null → the empty choice). */
export function profileDefaults(user: { last_name: string | null; audience: string | null; commune: string | null }) {
  const known = (TERRITORY_COMMUNES as readonly string[]).includes(user.commune ?? "") || user.commune === OTHER_COMMUNE;
  return {
    lastName: user.last_name ?? "",
    audience: user.audience && (PROFILE_AUDIENCES as readonly string[]).includes(user.audience) ? user.audience : "",
    // A commune typed by a mediator outside the list shows as not chosen (and is kept, see above).
    commune: known ? user.commune! : "",
  };
}
