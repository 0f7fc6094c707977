import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCredential, identityHash, type CredentialInput } from "./credential.server";
import { generateIssuerKeyPair, jwkThumbprint, publicKeyFromJwk, signJwt, verifyJwt } from "./jwt.server";
import { OPEN_BADGE_CREDENTIAL_SCHEMA, validateJsonSchema } from "./ob3-schema";

const INPUT: CredentialInput = {
  baseUrl: "https://passerelle.example",
  badgeId: "0b6f5a53-3a0e-4b8e-9f0c-2f1f0b9a2c11",
  issuedAt: new Date("2026-11-30T10:15:30.123Z"),
  achievement: {
    id: "https://passerelle.example/parcours/autonome-avec-le-numerique",
    name: "Autonome avec le numérique au quotidien",
    description: "A suivi le parcours.",
    criteria: "Terminer les cours obligatoires du parcours.",
  },
  recipient: { email: "Josette@Exemple.fr", accountUrl: "https://passerelle.example/compte/1" },
  salt: "c2VsLWRlLW1lcg",
};

const schemaErrors = (value: unknown) => validateJsonSchema(value, OPEN_BADGE_CREDENTIAL_SCHEMA);

describe("Open Badges 3.0 credential", () => {
  it("passes the JSON schema written from the specification", () => {
    const credential = buildCredential(INPUT);
    expect(schemaErrors(credential)).toEqual([]);
    expect(credential["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]);
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.id).toBe("https://passerelle.example/badges/0b6f5a53-3a0e-4b8e-9f0c-2f1f0b9a2c11");
    expect(credential.issuer).toEqual({
      id: "https://passerelle.example/badges/emetteur",
      type: ["Profile"],
      name: "Communauté de communes des Pays d'Oise et d'Halatte",
      url: "https://passerelle.example",
    });
    expect(credential.validFrom).toBe("2026-11-30T10:15:30Z");
  });

  it("is checked by a schema that does reject broken credentials", () => {
    const ok = buildCredential(INPUT);
    const broken: [string, unknown][] = [
      ["no validFrom", { ...ok, validFrom: undefined }],
      ["bad date", { ...ok, validFrom: "30/11/2026" }],
      ["wrong type", { ...ok, type: ["VerifiableCredential"] }],
      ["VC context not first", { ...ok, "@context": [...ok["@context"]].reverse() }],
      ["no issuer id", { ...ok, issuer: { type: ["Profile"], name: "x" } }],
      ["no subject identity", { ...ok, credentialSubject: { ...ok.credentialSubject, identifier: [] } }],
      ["extra subject field", { ...ok, credentialSubject: { ...ok.credentialSubject, email: "josette@exemple.fr" } }],
      ["no criteria", { ...ok, credentialSubject: { ...ok.credentialSubject, achievement: { ...ok.credentialSubject.achievement, criteria: {} } } }],
      [
        "unhashed-looking hash",
        {
          ...ok,
          credentialSubject: { ...ok.credentialSubject, identifier: [{ ...ok.credentialSubject.identifier[0], identityHash: "josette@exemple.fr" }] },
        },
      ],
    ];
    for (const [label, value] of broken) {
      const json = JSON.parse(JSON.stringify(value));
      expect(schemaErrors(json).length, label).toBeGreaterThan(0);
    }
  });

  it("identifies the recipient by a salted SHA-256 of the lower-cased email", () => {
    const [identity] = buildCredential(INPUT).credentialSubject.identifier;
    const expected = createHash("sha256").update("josette@exemple.fr" + INPUT.salt).digest("hex");
    expect(identity).toEqual({
      type: "IdentityObject",
      identityHash: `sha256$${expected}`,
      identityType: "emailAddress",
      hashed: true,
      salt: INPUT.salt,
    });
    // The spec's own example: sha256 of "a@example.com" salted with "Kosher".
    expect(identityHash("a@example.com", "Kosher")).toBe("sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399");
  });

  it("falls back to the hashed account URL for a learner without email", () => {
    const credential = buildCredential({ ...INPUT, recipient: { email: null, accountUrl: "https://passerelle.example/compte/42" } });
    expect(credential.credentialSubject.identifier[0]).toMatchObject({ identityType: "identifier", hashed: true });
    expect(JSON.stringify(credential)).not.toContain("/compte/42");
    expect(schemaErrors(credential)).toEqual([]);
  });
});

describe("VC-JWT with Ed25519", () => {
  const keys = generateIssuerKeyPair();
  const kid = `https://passerelle.example/badges/emetteur#${jwkThumbprint(keys.publicJwk)}`;
  const resolve = (k: string) => (k === kid ? publicKeyFromJwk(keys.publicJwk) : null);
  const jwt = signJwt(buildCredential(INPUT), { alg: "EdDSA", typ: "vc+jwt", kid }, keys.privateKeyPkcs8);

  it("signs with a JOSE header alg EdDSA, typ vc+jwt and the key id, and verifies", () => {
    const header = JSON.parse(Buffer.from(jwt.split(".")[0]!, "base64url").toString());
    expect(header).toEqual({ alg: "EdDSA", typ: "vc+jwt", kid });
    const result = verifyJwt(jwt, resolve);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.payload.id).toBe(buildCredential(INPUT).id);
  });

  it("fails when any single character is altered", () => {
    let altered = 0;
    for (let i = 0; i < jwt.length; i++) {
      if (jwt[i] === ".") continue;
      const replacement = jwt[i] === "A" ? "B" : "A";
      const tampered = jwt.slice(0, i) + replacement + jwt.slice(i + 1);
      expect(verifyJwt(tampered, resolve).ok, `position ${i}`).toBe(false);
      altered++;
    }
    expect(altered).toBeGreaterThan(300);
  });

  it("fails with another key, an unknown kid, or garbage", () => {
    const other = generateIssuerKeyPair();
    expect(verifyJwt(jwt, () => publicKeyFromJwk(other.publicJwk))).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(verifyJwt(jwt, () => null)).toMatchObject({ ok: false, reason: "unknown_key" });
    expect(verifyJwt("pas un jeton", resolve)).toMatchObject({ ok: false, reason: "malformed" });
    const none = `${Buffer.from(JSON.stringify({ alg: "none", kid })).toString("base64url")}.${jwt.split(".")[1]}.AAAA`;
    expect(verifyJwt(none, resolve)).toMatchObject({ ok: false, reason: "unsupported_algorithm" });
  });

  it("computes the RFC 7638 thumbprint of an Ed25519 key", () => {
    // RFC 8037 appendix A.3: thumbprint of the example Ed25519 key.
    expect(jwkThumbprint({ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" })).toBe(
      "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
    );
  });
});
