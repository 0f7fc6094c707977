/**
 * Class join codes: 8 characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L), shown as "ABCD-EFGH" and typed in any case, with or
 * without the dash. 28^8 ≈ 3.8e11 codes, and wrong guesses are throttled.
 */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

export function generateJoinCode(): string {
  const bytes = new Uint8Array(JOIN_CODE_LENGTH);
  let code = "";
  while (code.length < JOIN_CODE_LENGTH) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      // Rejection sampling keeps every letter equally likely.
      if (b < 256 - (256 % JOIN_CODE_ALPHABET.length) && code.length < JOIN_CODE_LENGTH) {
        code += JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length];
      }
    }
  }
  return code;
}

/** What the pupil typed → the stored form, or null when it cannot be a code. */
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
