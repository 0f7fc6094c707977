/**
 * A JSON Schema of the Open Badges 3.0 OpenBadgeCredential, written from the
 * specification (https://www.imsglobal.org/spec/ob/v3p0/, data model §B.1,
 * and the published achievementcredential schema, v3.0.3): required fields and
 * their types, only what we emit and what the spec requires. Used by the
 * tests to check issued credentials; kept beside the code it checks.
 * Not fetched at test time, so the suite stays offline and hermetic.
 */
export type JsonSchema = {
  $ref?: string;
  type?: "object" | "array" | "string" | "boolean" | "number" | "integer";
  required?: string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  contains?: JsonSchema;
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  format?: "uri" | "date-time";
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  $defs?: Record<string, JsonSchema>;
};

const uri: JsonSchema = { type: "string", format: "uri" };
const typeSet = (required: string): JsonSchema => ({
  anyOf: [{ const: required }, { type: "array", minItems: 1, items: { type: "string" }, contains: { const: required } }],
});

const ACHIEVEMENT_TYPES = [
  "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree", "Award", "Badge",
  "BachelorDegree", "Certificate", "CertificateOfCompletion", "Certification", "CommunityService", "Competency",
  "Course", "CoCurricular", "Degree", "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
  "JourneymanCertificate", "LearningProgram", "License", "Membership", "ProfessionalDoctorate",
  "QualityAssuranceCredential", "MasterCertificate", "MasterDegree", "MicroCredential", "ResearchDoctorate",
  "SecondarySchoolDiploma",
];

export const OPEN_BADGE_CREDENTIAL_SCHEMA: JsonSchema = {
  type: "object",
  required: ["@context", "id", "type", "name", "credentialSubject", "issuer", "validFrom"],
  properties: {
    "@context": {
      type: "array",
      minItems: 2,
      // VC 2.0: the first context is the VC one; OB 3.0 adds its own.
      prefixItems: [{ const: "https://www.w3.org/ns/credentials/v2" }],
      allOf: [
        { contains: { type: "string", pattern: "^https://purl\\.imsglobal\\.org/spec/ob/v3p0/context-3\\.0\\.[0-9]+\\.json$" } },
      ],
      items: { anyOf: [{ type: "string" }, { type: "object" }] },
    },
    id: uri,
    type: {
      type: "array",
      allOf: [{ contains: { const: "VerifiableCredential" } }, { contains: { anyOf: [{ const: "OpenBadgeCredential" }, { const: "AchievementCredential" }] } }],
    },
    name: { type: "string" },
    description: { type: "string" },
    issuer: { $ref: "#/$defs/Profile" },
    validFrom: { type: "string", format: "date-time" },
    validUntil: { type: "string", format: "date-time" },
    credentialSubject: { $ref: "#/$defs/AchievementSubject" },
    // CredentialStatus: "id" (the status method's URL) and "type" required, other members allowed.
    credentialStatus: { type: "object", required: ["id", "type"], properties: { id: uri, type: { type: "string" } } },
    evidence: { type: "array", items: { $ref: "#/$defs/Evidence" } },
  },
  $defs: {
    // OB 3.0 §B.1.6 Evidence: only "type" is required.
    Evidence: {
      type: "object",
      required: ["type"],
      additionalProperties: false,
      properties: {
        id: uri,
        type: typeSet("Evidence"),
        narrative: { type: "string" },
        name: { type: "string" },
        description: { type: "string" },
        genre: { type: "string" },
        audience: { type: "string" },
      },
    },
    Profile: {
      type: "object",
      required: ["id", "type"],
      properties: { id: uri, type: typeSet("Profile"), name: { type: "string" }, url: uri, email: { type: "string" } },
    },
    AchievementSubject: {
      type: "object",
      required: ["type", "achievement"],
      additionalProperties: false,
      // "Either id or at least one identifier MUST be supplied."
      anyOf: [{ required: ["id"] }, { required: ["identifier"], properties: { identifier: { type: "array", minItems: 1 } } }],
      properties: {
        id: uri,
        type: typeSet("AchievementSubject"),
        identifier: { type: "array", items: { $ref: "#/$defs/IdentityObject" } },
        achievement: { $ref: "#/$defs/Achievement" },
        activityEndDate: { type: "string", format: "date-time" },
        activityStartDate: { type: "string", format: "date-time" },
        creditsEarned: { type: "number" },
        image: { type: "object" },
        licenseNumber: { type: "string" },
        narrative: { type: "string" },
        result: { type: "array" },
        role: { type: "string" },
        source: { $ref: "#/$defs/Profile" },
        term: { type: "string" },
      },
    },
    IdentityObject: {
      type: "object",
      required: ["type", "hashed", "identityHash", "identityType"],
      additionalProperties: false,
      properties: {
        type: { const: "IdentityObject" },
        hashed: { type: "boolean" },
        identityHash: { type: "string" },
        identityType: {
          anyOf: [
            {
              enum: [
                "name", "sourcedId", "systemId", "productId", "userName", "accountId", "emailAddress",
                "nationalIdentityNumber", "isbn", "issn", "lisSourcedId", "oneRosterSourcedId", "sisSourcedId",
                "ltiContextId", "ltiDeploymentId", "ltiToolId", "ltiPlatformId", "ltiUserId", "identifier",
              ],
            },
            { type: "string", pattern: "^ext:[a-zA-Z0-9._-]+$" },
          ],
        },
        salt: { type: "string" },
      },
      // IdentityHash: "an algorithm identifier, a $ separator, and a hash … in hexadecimal".
      if: { properties: { hashed: { const: true } } },
      then: { properties: { identityHash: { type: "string", pattern: "^(sha256|md5)\\$[0-9a-fA-F]+$" } } },
    },
    Achievement: {
      type: "object",
      required: ["id", "type", "criteria", "description", "name"],
      properties: {
        id: uri,
        type: typeSet("Achievement"),
        name: { type: "string" },
        description: { type: "string" },
        criteria: {
          type: "object",
          anyOf: [{ required: ["id"] }, { required: ["narrative"] }],
          properties: { id: uri, narrative: { type: "string" } },
        },
        achievementType: { anyOf: [{ enum: ACHIEVEMENT_TYPES }, { type: "string", pattern: "^ext:[a-zA-Z0-9._-]+$" }] },
        inLanguage: { type: "string", pattern: "^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$" },
      },
    },
  },
};

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown) {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  if (Number.isInteger(value)) return "integer";
  return typeof value;
}

/**
 * A tiny validator for the keywords above (draft 2019-09 semantics).
 * Returns the list of errors as `path: message`; empty when valid.
 */
export function validateJsonSchema(value: unknown, schema: JsonSchema, root: JsonSchema = schema, path = "$"): string[] {
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//, "");
    const target = root.$defs?.[name];
    if (!target) return [`${path}: unknown $ref ${schema.$ref}`];
    return validateJsonSchema(value, target, root, path);
  }
  const errors: string[] = [];
  const t = typeOf(value);
  if (schema.type && !(schema.type === t || (schema.type === "number" && t === "integer"))) {
    return [`${path}: expected ${schema.type}, got ${t}`];
  }
  if ("const" in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) errors.push(`${path}: not one of the allowed values`);
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (schema.format === "date-time" && !(DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))) errors.push(`${path}: not a date-time`);
    if (schema.format === "uri" && !/^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(value)) errors.push(`${path}: not a URI`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    schema.prefixItems?.forEach((sub, i) => errors.push(...validateJsonSchema(value[i], sub, root, `${path}[${i}]`)));
    if (schema.items) value.forEach((item, i) => errors.push(...validateJsonSchema(item, schema.items!, root, `${path}[${i}]`)));
    if (schema.contains && !value.some((item) => validateJsonSchema(item, schema.contains!, root).length === 0)) {
      errors.push(`${path}: no item matches ${JSON.stringify(schema.contains)}`);
    }
  }
  if (t === "object") {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) errors.push(`${path}: missing required "${key}"`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in object) errors.push(...validateJsonSchema(object[key], sub, root, `${path}.${key}`));
    }
    if (schema.additionalProperties === false) {
      for (const key of Object.keys(object)) if (!(key in (schema.properties ?? {}))) errors.push(`${path}: unexpected property "${key}"`);
    }
  }
  for (const sub of schema.allOf ?? []) errors.push(...validateJsonSchema(value, sub, root, path));
  if (schema.anyOf && !schema.anyOf.some((sub) => validateJsonSchema(value, sub, root, path).length === 0)) {
    errors.push(`${path}: matches none of the alternatives`);
  }
  if (schema.if && validateJsonSchema(value, schema.if, root, path).length === 0 && schema.then) {
    errors.push(...validateJsonSchema(value, schema.then, root, path));
  }
  return errors;
}
