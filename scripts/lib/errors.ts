/** A refusal the dump commands explain to the operator (bad folder, damaged file, database not empty…). */
export class DumpError extends Error {}
