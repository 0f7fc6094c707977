import { createHash } from "node:crypto";
import type { Ob3Evidence } from "./evidence";

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

/** W3C Bitstring Status List v1.0 §2.1: where a verifier finds this credential's revocation bit. */
export interface BitstringStatusListEntry {
  id: string;
  type: "BitstringStatusListEntry";
  statusPurpose: "revocation";
  /** A base-10 string, as the specification wants. */
  statusListIndex: string;
  statusListCredential: string;
}

export interface OpenBadgeCredential {
  "@context": string[];
  id: string;
  type: ["VerifiableCredential", "OpenBadgeCredential"];
  issuer: IssuerProfile;
  validFrom: string;
  name: string;
  description: string;
  credentialStatus?: BitstringStatusListEntry;
  /** What the badge rests on (OB 3.0 Evidence): courses completed, scores, workshops attended, with dates. */
  evidence?: Ob3Evidence[];
  credentialSubject: {
    /** A `urn:uuid:` drawn for this badge: what the JWT's `sub` names, linking nothing to the person. */
    id?: string;
    type: ["AchievementSubject"];
    identifier: IdentityObject[];
    activityStartDate?: string;
    activityEndDate?: string;
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
/** The JOSE `kid`: a URL that answers with the public key as a JWK (OB 3.0 §8.2.3), also the key's `kid` in the JWKS. */
export const keyIdUrl = (baseUrl: string, thumbprint: string) => `${issuerId(baseUrl)}/cles/${thumbprint}`;
/** A revocation list, as a signed BitstringStatusListCredential. */
export const statusListUrl = (baseUrl: string, list: number) => `${issuerId(baseUrl)}/statuts/${list}`;

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
  /** The subject's `urn:uuid:`, which the JWT's `sub` repeats. */
  subjectId: string;
  /** The badge's bit in a revocation list. */
  status: { list: number; index: number };
  evidence?: Ob3Evidence[];
  activity?: { start: Date | null; end: Date | null };
}

export function statusEntry(baseUrl: string, { list, index }: { list: number; index: number }): BitstringStatusListEntry {
  const listUrl = statusListUrl(baseUrl, list);
  return { id: `${listUrl}#${index}`, type: "BitstringStatusListEntry", statusPurpose: "revocation", statusListIndex: String(index), statusListCredential: listUrl };
}

/**
 * The registered JWT claims OB 3.0 §8.2 asks of a VC-JWT payload, each the
 * copy of a credential field: iss = issuer.id, jti = id, nbf = validFrom,
 * sub = credentialSubject.id.
 */
export function jwtClaims(credential: { id: string; issuer: string | { id: string }; validFrom: string; credentialSubject: { id?: string } }) {
  return {
    iss: typeof credential.issuer === "string" ? credential.issuer : credential.issuer.id,
    jti: credential.id,
    nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
    ...(credential.credentialSubject.id ? { sub: credential.credentialSubject.id } : {}),
  };
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
    credentialStatus: statusEntry(input.baseUrl, input.status),
    ...(input.evidence?.length ? { evidence: input.evidence } : {}),
    credentialSubject: {
      id: input.subjectId,
      type: ["AchievementSubject"],
      identifier: [recipientIdentity(input.recipient, input.salt)],
      ...(input.activity?.start ? { activityStartDate: isoSeconds(input.activity.start) } : {}),
      ...(input.activity?.end ? { activityEndDate: isoSeconds(input.activity.end) } : {}),
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
