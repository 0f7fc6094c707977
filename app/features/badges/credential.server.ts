import { createHash } from "node:crypto";

/**
 * Open Badges 3.0 `OpenBadgeCredential`, in the W3C Verifiable Credentials
 * 2.0 data model (https://www.imsglobal.org/spec/ob/v3p0/). Built here as
 * plain JSON; jwt.server.ts signs it as a VC-JWT.
 */
export const CREDENTIAL_CONTEXTS = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
] as const;

/** The community that issues every badge. */
export const ISSUER_NAME = "Communauté de communes des Pays d'Oise et d'Halatte";

export interface IssuerProfile {
  id: string;
  type: ["Profile"];
  name: string;
  url: string;
}

export interface IdentityObject {
  type: "IdentityObject";
  identityHash: string;
  identityType: "emailAddress" | "identifier";
  hashed: true;
  salt: string;
}

export interface OpenBadgeCredential {
  "@context": string[];
  id: string;
  type: ["VerifiableCredential", "OpenBadgeCredential"];
  issuer: IssuerProfile;
  validFrom: string;
  name: string;
  description: string;
  credentialSubject: {
    type: ["AchievementSubject"];
    identifier: IdentityObject[];
    achievement: {
      id: string;
      type: ["Achievement"];
      name: string;
      description: string;
      criteria: { id?: string; narrative: string };
      achievementType: "Badge";
      inLanguage: string;
    };
  };
}

export const issuerId = (baseUrl: string) => `${baseUrl}/badges/emetteur`;
export const verifyUrl = (baseUrl: string, badgeId: string) => `${baseUrl}/badges/${badgeId}`;

export function issuerProfile(baseUrl: string): IssuerProfile {
  return { id: issuerId(baseUrl), type: ["Profile"], name: ISSUER_NAME, url: baseUrl };
}

/** `sha256$<hex>` of the identity followed by the salt, as OB 3.0's IdentityHash says. */
export function identityHash(identity: string, salt: string) {
  return `sha256$${createHash("sha256").update(identity + salt, "utf8").digest("hex")}`;
}

export function recipientIdentity(recipient: { email: string | null; accountUrl: string }, salt: string): IdentityObject {
  // An assisted account may have no address: its account URL, hashed the same way, identifies it.
  return recipient.email
    ? { type: "IdentityObject", identityHash: identityHash(recipient.email.toLowerCase(), salt), identityType: "emailAddress", hashed: true, salt }
    : { type: "IdentityObject", identityHash: identityHash(recipient.accountUrl, salt), identityType: "identifier", hashed: true, salt };
}

/** Seconds-precision UTC, the usual XML Schema dateTimeStamp form. */
export const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

export interface CredentialInput {
  baseUrl: string;
  badgeId: string;
  issuedAt: Date;
  achievement: { id: string; name: string; description: string; criteria: string; criteriaUrl?: string };
  recipient: { email: string | null; accountUrl: string };
  salt: string;
}

export function buildCredential(input: CredentialInput): OpenBadgeCredential {
  const { achievement } = input;
  return {
    "@context": [...CREDENTIAL_CONTEXTS],
    id: verifyUrl(input.baseUrl, input.badgeId),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: issuerProfile(input.baseUrl),
    validFrom: isoSeconds(input.issuedAt),
    name: achievement.name,
    description: achievement.description,
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [recipientIdentity(input.recipient, input.salt)],
      achievement: {
        id: achievement.id,
        type: ["Achievement"],
        name: achievement.name,
        description: achievement.description,
        criteria: achievement.criteriaUrl
          ? { id: achievement.criteriaUrl, narrative: achievement.criteria }
          : { narrative: achievement.criteria },
        achievementType: "Badge",
        inLanguage: "fr",
      },
    },
  };
}
