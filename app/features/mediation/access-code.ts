/**
 * The typed code of an access card: 10 characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L), printed in two groups of five. About 49 bits,
 * enough behind sign-in throttling; the database keeps only its SHA-256.
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 10;

export function generateAccessCode(): string {
  let code = "";
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (code.length < CODE_LENGTH) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    for (const b of bytes) {
      if (b < limit && code.length < CODE_LENGTH) code += CODE_ALPHABET[b % CODE_ALPHABET.length];
    }
  }
  return code;
}

/** "K7QM2X9RTA" → "K7QM2-X9RTA" (easier to read aloud and to type). */
export function formatAccessCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * What a person typed → the stored form, or null when it cannot be a code.
 * Spaces, dashes and case do not matter.
 */
export function normalizeAccessCode(input: string | null | undefined): string | null {
  if (!input) return null;
  const compact = input.toUpperCase().replace(/[\s\-.]/g, "");
  if (compact.length !== CODE_LENGTH) return null;
  for (const ch of compact) if (!CODE_ALPHABET.includes(ch)) return null;
  return compact;
}
