/**
 * A validator for Frictionless table schemas — the subset the national
 * schema of digital-mediation places uses: field names and order, required,
 * unique / primaryKey, pattern (XML Schema semantics: the whole value must
 * match), enum, minLength / maxLength, and the types string, number,
 * integer, date (default format) and boolean. Empty cells are missing values.
 */
export interface TableSchemaField {
  name: string;
  type?: string;
  format?: string;
  constraints?: {
    required?: boolean;
    unique?: boolean;
    pattern?: string;
    enum?: string[];
    minLength?: number;
    maxLength?: number;
  };
}

export interface TableSchema {
  fields: TableSchemaField[];
  primaryKey?: string | string[];
  missingValues?: string[];
}

export interface TableError {
  /** 1-based data row (0 = the header). */
  row: number;
  field: string;
  rule: "header" | "required" | "unique" | "pattern" | "enum" | "minLength" | "maxLength" | "type";
  value?: string;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:NaN|INF)$/;
const INTEGER = /^[+-]?\d+$/;
const BOOLEAN = new Set(["true", "True", "TRUE", "1", "false", "False", "FALSE", "0"]);

function isIsoDate(value: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

function typeOk(field: TableSchemaField, value: string) {
  switch (field.type ?? "string") {
    case "number":
      return NUMBER.test(value);
    case "integer":
      return INTEGER.test(value);
    case "boolean":
      return BOOLEAN.has(value);
    case "date":
      return (field.format ?? "default") !== "default" || isIsoDate(value);
    default:
      return true;
  }
}

/** Compiles a schema pattern with whole-value matching, as XML Schema regular expressions do. */
export function schemaPattern(pattern: string) {
  return new RegExp(`^(?:${pattern})$`, "u");
}

/** Checks a header and rows (arrays of cell strings) against a table schema; returns every problem found. */
export function validateTable(schema: TableSchema, header: string[], rows: string[][]): TableError[] {
  const errors: TableError[] = [];
  const names = schema.fields.map((f) => f.name);
  if (header.length !== names.length || header.some((h, i) => h !== names[i])) {
    names.forEach((name, i) => {
      if (header[i] !== name) errors.push({ row: 0, field: name, rule: "header", value: header[i] });
    });
    if (header.length > names.length) errors.push({ row: 0, field: header.slice(names.length).join(","), rule: "header" });
    return errors;
  }
  const missing = new Set(schema.missingValues ?? [""]);
  const patterns = schema.fields.map((f) => (f.constraints?.pattern ? schemaPattern(f.constraints.pattern) : null));
  const keyFields = schema.primaryKey ? (Array.isArray(schema.primaryKey) ? schema.primaryKey : [schema.primaryKey]) : [];
  const seen = schema.fields.map(() => new Set<string>());
  const seenKeys = new Set<string>();

  rows.forEach((cells, r) => {
    const row = r + 1;
    if (cells.length !== names.length) {
      errors.push({ row, field: "*", rule: "header", value: `${cells.length} cells` });
      return;
    }
    schema.fields.forEach((field, i) => {
      const value = cells[i]!;
      const c = field.constraints ?? {};
      if (missing.has(value)) {
        if (c.required || keyFields.includes(field.name)) errors.push({ row, field: field.name, rule: "required" });
        return;
      }
      if (!typeOk(field, value)) errors.push({ row, field: field.name, rule: "type", value });
      if (patterns[i] && !patterns[i]!.test(value)) errors.push({ row, field: field.name, rule: "pattern", value });
      if (c.enum && !c.enum.includes(value)) errors.push({ row, field: field.name, rule: "enum", value });
      if (c.minLength !== undefined && [...value].length < c.minLength) errors.push({ row, field: field.name, rule: "minLength", value });
      if (c.maxLength !== undefined && [...value].length > c.maxLength) errors.push({ row, field: field.name, rule: "maxLength", value });
      if (c.unique) {
        if (seen[i]!.has(value)) errors.push({ row, field: field.name, rule: "unique", value });
        seen[i]!.add(value);
      }
    });
    if (keyFields.length) {
      const key = keyFields.map((k) => cells[names.indexOf(k)]).join("\u0000");
      if (seenKeys.has(key)) errors.push({ row, field: keyFields.join(","), rule: "unique", value: key });
      seenKeys.add(key);
    }
  });
  return errors;
}
