/**
 * A score some H5P content types get wrong: SingleChoiceSet counts an answer
 * restored on resume a second time and sends `raw 4, max 3, scaled 1.33`,
 * which xAPI 1.0.3 forbids (raw within min..max, scaled within -1..1) and the
 * LRS rightly refuses. Our relay brings such a score back within bounds from
 * the score itself — raw clamped to min..max, scaled recomputed from raw as
 * H5P computes it (raw/max, or (raw-min)/(max-min) with a min) or else
 * clamped to -1..1 — and marks the statement with the original score under
 * a result extension. A score that cannot be read this way (min ≥ max, not
 * numbers) is left alone, for the validation to refuse. Decision 030.
 */
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const round4 = (v: number) => Math.round(v * 10000) / 10000;

export function withScoreInBounds(statement: Json, markIri: string): { statement: Json; adjusted: boolean } {
  const result = statement.result;
  if (!isObject(result) || !isObject(result.score)) return { statement, adjusted: false };
  const score = result.score;
  const [raw, min, max, scaled] = [num(score.raw), num(score.min), num(score.max), num(score.scaled)];
  if (Object.entries({ raw, min, max, scaled }).some(([k, v]) => score[k] !== undefined && v === undefined)) return { statement, adjusted: false };
  if (min !== undefined && max !== undefined && min >= max) return { statement, adjusted: false };
  const rawOut = raw !== undefined && ((max !== undefined && raw > max) || (min !== undefined && raw < min));
  const scaledOut = scaled !== undefined && (scaled > 1 || scaled < -1);
  if (!rawOut && !scaledOut) return { statement, adjusted: false };

  const fixed: Json = { ...score };
  let newRaw = raw;
  if (rawOut) newRaw = fixed.raw = Math.min(max ?? Infinity, Math.max(min ?? -Infinity, raw!));
  if (scaled !== undefined) {
    if (newRaw !== undefined && max !== undefined && max > (min ?? 0)) fixed.scaled = round4((newRaw - (min ?? 0)) / (max - (min ?? 0)));
    else fixed.scaled = Math.min(1, Math.max(-1, scaled));
  }
  const extensions = isObject(result.extensions) ? { ...result.extensions } : {};
  extensions[markIri] = score;
  return { statement: { ...statement, result: { ...result, score: fixed, extensions } }, adjusted: true };
}
