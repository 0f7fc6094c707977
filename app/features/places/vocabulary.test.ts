import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PATTERNS, RELAY_SPACE_LISTS, SUMMARY_MAX_LENGTH, valuesOf } from "./vocabulary";

// The national schema, read from the shared standards folder next to the project.
const schemaPath = path.resolve(import.meta.dirname, "../../../../shared/standards/lieux-mediation-numerique/schema.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as { fields: { name: string; constraints?: { pattern?: string; maxLength?: number } }[] };
const field = (name: string) => schema.fields.find((f) => f.name === name)!;

/** The values allowed by a "(?:(?:^|\\|)(A|B|C))+$" pattern. */
function enumOf(name: string): string[] {
  const pattern = field(name).constraints!.pattern!;
  const inner = pattern.slice("(?:(?:^|\\|)(".length, -"))+$".length);
  const values: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === "\\") {
      current += inner[++i];
      continue;
    }
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "|" && depth === 0) {
      values.push(current);
      current = "";
    } else current += c;
  }
  values.push(current);
  return values;
}

describe("relay-space lists follow the national schema v1.0.2", () => {
  it.each([
    ["services", "services"],
    ["publics_specifiquement_adresses", "audiences"],
    ["prise_en_charge_specifique", "specific_support"],
    ["frais_a_charge", "fees"],
    ["dispositif_programmes_nationaux", "national_programmes"],
    ["formations_labels", "trainings_labels"],
    ["modalites_acces", "access_modalities"],
    ["modalites_accompagnement", "accompaniment_modalities"],
    ["itinerance", "itinerance"],
  ] as const)("%s", (schemaField, list) => {
    expect(valuesOf(RELAY_SPACE_LISTS[list])).toEqual(enumOf(schemaField));
    // And the schema's own pattern accepts every value, joined with |.
    expect(new RegExp(field(schemaField).constraints!.pattern!).test(valuesOf(RELAY_SPACE_LISTS[list]).join("|"))).toBe(true);
  });

  it("single-valued patterns and limits", () => {
    expect(PATTERNS.pivot.source).toBe(field("pivot").constraints!.pattern);
    expect(PATTERNS.postalCode.source).toBe(field("code_postal").constraints!.pattern);
    expect(PATTERNS.inseeCode.source).toBe(field("code_insee").constraints!.pattern);
    expect(PATTERNS.phone.source).toBe(field("telephone").constraints!.pattern);
    expect(SUMMARY_MAX_LENGTH).toBe(field("presentation_resume").constraints!.maxLength);
  });

  it("every value has a distinct locale key", () => {
    for (const list of Object.values(RELAY_SPACE_LISTS)) expect(new Set(list.map((e) => e.key)).size).toBe(list.length);
  });
});
