/**
 * The lexical rules of xAPI 1.0.3 values (IRIs, UUIDs, mboxes, timestamps,
 * durations, language tags, interaction components), shared by the
 * statement validator and the query-parameter checks.
 */

export const VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided";

export const IRI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s"<>\\^`{|}]*$/;
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
export const MBOX = /^mailto:[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+$/;
export const SHA1 = /^[0-9a-fA-F]{40}$/;
export const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
export const DURATION =
  /^P(?:\d+(?:[.,]\d+)?W|(?=\d|T\d)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?)$/;
export const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
export const VERSION = /^1\.0(?:\.\d+)?$/;

export const INTERACTION_COMPONENTS: Record<string, readonly string[]> = {
  "true-false": [],
  choice: ["choices"],
  "fill-in": [],
  "long-fill-in": [],
  matching: ["source", "target"],
  performance: ["steps"],
  sequencing: ["choices"],
  likert: ["scale"],
  numeric: [],
  other: [],
};
export const ALL_COMPONENTS = ["choices", "scale", "source", "target", "steps"];

export const isIri = (v: string) => v.length <= 2048 && IRI.test(v);
export const isUuid = (v: string) => UUID.test(v);
export function isTimestamp(v: string) {
  const m = TIMESTAMP.exec(v);
  if (!m) return false;
  if (m[8] === "-00:00" || m[8] === "-0000" || m[8] === "-00") return false;
  return !Number.isNaN(Date.parse(m[8] ? v : `${v}Z`));
}
export const isVersion = (v: string) => VERSION.test(v);
