import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { buildCredential, identityHash, jwtClaims, type CredentialInput } from "./credential.server";
import { generateIssuerKeyPair, jwkThumbprint, publicKeyFromJwk, signJwt, verifyJwt } from "./jwt.server";
import { OPEN_BADGE_CREDENTIAL_SCHEMA, validateJsonSchema } from "./ob3-schema";
import { encodeStatusList, STATUS_LIST_BITS } from "./status-list.server";

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
  subjectId: "urn:uuid:7d1f3c1e-5b7a-4c43-9a51-0f6a2e8b9d10",
  status: { list: 1, index: 94567 },
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
    expect(credential.credentialSubject.id).toBe("urn:uuid:7d1f3c1e-5b7a-4c43-9a51-0f6a2e8b9d10");
    // W3C Bitstring Status List §2.1: where a verifier finds the revocation bit.
    expect(credential.credentialStatus).toEqual({
      id: "https://passerelle.example/badges/emetteur/statuts/1#94567",
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "94567",
      statusListCredential: "https://passerelle.example/badges/emetteur/statuts/1",
    });
  });

  it("gives the JWT claims OB 3.0 §8.2 asks for, each the copy of a credential field", () => {
    const credential = buildCredential(INPUT);
    expect(jwtClaims(credential)).toEqual({
      iss: "https://passerelle.example/badges/emetteur",
      jti: credential.id,
      nbf: Date.parse("2026-11-30T10:15:30Z") / 1000,
      sub: "urn:uuid:7d1f3c1e-5b7a-4c43-9a51-0f6a2e8b9d10",
    });
  });

  it("is checked by a schema that does reject broken credentials", () => {
    const ok = buildCredential(INPUT);
    const broken: [string, unknown][] = [
      ["no validFrom", { ...ok, validFrom: undefined }],
      ["bad date", { ...ok, validFrom: "30/11/2026" }],
      ["wrong type", { ...ok, type: ["VerifiableCredential"] }],
      ["VC context not first", { ...ok, "@context": [...ok["@context"]].reverse() }],
      ["no issuer id", { ...ok, issuer: { type: ["Profile"], name: "x" } }],
      ["no subject identity", { ...ok, credentialSubject: { ...ok.credentialSubject, id: undefined, identifier: [] } }],
      ["subject id not a URI", { ...ok, credentialSubject: { ...ok.credentialSubject, id: "7d1f3c1e" } }],
      ["status without its type", { ...ok, credentialStatus: { ...ok.credentialStatus, type: undefined } }],
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
  const kid = `https://passerelle.example/badges/emetteur/cles/${jwkThumbprint(keys.publicJwk)}`;
  const resolve = (k: string) => (k === kid ? publicKeyFromJwk(keys.publicJwk) : null);
  const credential = buildCredential(INPUT);
  const jwt = signJwt({ ...credential, ...jwtClaims(credential) }, { alg: "EdDSA", typ: "JWT", kid }, keys.privateKeyPkcs8);

  it("signs with a JOSE header alg EdDSA, typ JWT (OB 3.0 §8.2) and the key's URL, and verifies", () => {
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "EdDSA", typ: "JWT", kid });
    const result = verifyJwt(jwt, resolve);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.payload.id).toBe(credential.id);
  });

  it("is verified by jose, an independent JOSE library, with the claims OB 3.0 checks", async () => {
    const key = await importJWK({ ...keys.publicJwk, alg: "EdDSA" }, "EdDSA");
    const { payload, protectedHeader } = await jwtVerify(jwt, key, {
      typ: "JWT",
      algorithms: ["EdDSA"],
      issuer: "https://passerelle.example/badges/emetteur",
      subject: credential.credentialSubject.id,
      currentDate: new Date("2027-01-01T00:00:00Z"),
    });
    expect(protectedHeader.kid).toBe(kid);
    expect(payload).toMatchObject({ jti: credential.id, nbf: Date.parse(credential.validFrom) / 1000 });
    const altered = jwt.slice(0, 60) + (jwt[60] === "A" ? "B" : "A") + jwt.slice(61);
    await expect(jwtVerify(altered, key)).rejects.toThrow();
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

  it("accepts the badges signed before decision 027 (typ vc+jwt, kid ending with #thumbprint)", () => {
    const legacyKid = `https://passerelle.example/badges/emetteur#${jwkThumbprint(keys.publicJwk)}`;
    const legacy = signJwt(credential, { alg: "EdDSA", typ: "vc+jwt", kid: legacyKid }, keys.privateKeyPkcs8);
    expect(verifyJwt(legacy, (k) => (k === legacyKid ? publicKeyFromJwk(keys.publicJwk) : null)).ok).toBe(true);
  });

  it("computes the RFC 7638 thumbprint of an Ed25519 key", () => {
    // RFC 8037 appendix A.3: thumbprint of the example Ed25519 key.
    expect(jwkThumbprint({ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" })).toBe(
      "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
    );
  });
});

describe("revocation list (W3C Bitstring Status List)", () => {
  const bitAt = (bits: Buffer, index: number) => (bits[index >> 3]! >> (7 - (index % 8))) & 1;
  const decode = (encoded: string) => {
    expect(encoded[0]).toBe("u"); // multibase prefix of base64url without padding
    return gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
  };

  it("is a GZIP-compressed bitstring of 16 KB, index 0 the left-most bit, in multibase base64url", () => {
    const bits = decode(encodeStatusList([0, 7, 8, 94567, STATUS_LIST_BITS - 1]));
    expect(bits.length * 8).toBe(131_072);
    expect(bits[0]).toBe(0b1000_0001);
    expect(bits[1]).toBe(0b1000_0000);
    expect([0, 7, 8, 94567, STATUS_LIST_BITS - 1].map((i) => bitAt(bits, i))).toEqual([1, 1, 1, 1, 1]);
    expect([1, 6, 9, 94566, 94568].map((i) => bitAt(bits, i))).toEqual([0, 0, 0, 0, 0]);
    expect([...bits].reduce((n, byte) => n + byte.toString(2).replaceAll("0", "").length, 0)).toBe(5);
  });

  it("is the same bytes for the same bits (any replica publishes the same list)", () => {
    expect(encodeStatusList([3, 5])).toBe(encodeStatusList([5, 3]));
    expect(encodeStatusList([])).not.toBe(encodeStatusList([3]));
  });
});
