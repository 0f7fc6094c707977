import { parsePhoneNumberFromString } from "libphonenumber-js/min";

export interface DisplayPhone {
  /** As people in France write it: `03 44 24 40 80`; a foreign number in international form. */
  text: string;
  /** `tel:+33344244080`, or null when the number cannot be dialled as written. */
  href: string | null;
}

/**
 * A phone number for people: French numbers in the national format, others
 * internationally, with a `tel:` link (libphonenumber-js, Google's metadata).
 * A number it cannot read is shown as typed, without a link.
 */
export function displayPhone(raw: string): DisplayPhone {
  const parsed = parsePhoneNumberFromString(raw, "FR");
  if (!parsed?.isValid()) return { text: raw.trim(), href: null };
  return { text: parsed.country === "FR" ? parsed.formatNational() : parsed.formatInternational(), href: parsed.getURI() };
}
