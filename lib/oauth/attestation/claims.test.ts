import { describe, expect, it } from "vitest";
import { ATTESTATION_POP_TYP, ATTESTATION_TYP, checkAttestationTimes, hardwareClaimsMet, parseHardwareClaims, readAttestationClaims, readPopClaims } from "@/lib/oauth/attestation/claims";
import { OAuthError } from "@/lib/oauth/errors";

const NOW = 1_800_000_000;
const jwk = { kty: "EC", crv: "P-256", x: "x", y: "y" };
const attestation = { iss: "https://attester.example", sub: "cli_x", iat: NOW, exp: NOW + 60, cnf: { jwk } };
const header = { alg: "ES256", typ: ATTESTATION_TYP };

function refusal(run: () => unknown): { code: string; description: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return { code: error.code, description: error.description };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("readAttestationClaims", () => {
  it("returns the claims of a well-formed attestation", () => {
    expect(readAttestationClaims(header, attestation)).toMatchObject({ alg: "ES256", issuer: attestation.iss, subject: "cli_x", instanceJwk: jwk });
  });
  it.each([
    ["typ", { ...header, typ: "JWT" }, attestation, "typ header must be oauth-client-attestation+jwt"],
    ["alg none", { ...header, alg: "none" }, attestation, "alg none is not accepted"],
    ["HS256", { ...header, alg: "HS256" }, attestation, "alg HS256 is not accepted"],
    ["iss", header, { ...attestation, iss: undefined }, "needs iss"],
    ["sub", header, { ...attestation, sub: undefined }, "needs sub"],
    ["exp", header, { ...attestation, exp: undefined }, "needs exp"],
    ["iat", header, { ...attestation, iat: undefined }, "needs iat"],
    ["cnf", header, { ...attestation, cnf: undefined }, "needs cnf.jwk"],
    ["cnf.jkt only", header, { ...attestation, cnf: { jkt: "abc" } }, "needs cnf.jwk"],
    ["a private cnf.jwk", header, { ...attestation, cnf: { jwk: { ...jwk, d: "secret" } } }, "must be a public key"],
  ])("refuses a missing or wrong %s (invalid_client_attestation)", (_name, h, payload, message) => {
    expect(refusal(() => readAttestationClaims(h, payload as never))).toMatchObject({ code: "invalid_client_attestation", description: expect.stringContaining(message) });
  });
});

describe("checkAttestationTimes", () => {
  it("calls an expired attestation stale (use_fresh_attestation), allowing 10 s of skew", () => {
    expect(() => checkAttestationTimes({ expiresAt: NOW - 5, issuedAt: NOW - 60 }, NOW)).not.toThrow();
    expect(refusal(() => checkAttestationTimes({ expiresAt: NOW - 11, issuedAt: NOW - 60 }, NOW))).toMatchObject({ code: "use_fresh_attestation" });
  });
  it("refuses iat or nbf in the future", () => {
    expect(refusal(() => checkAttestationTimes({ expiresAt: NOW + 60, issuedAt: NOW + 30 }, NOW)).description).toContain("iat is in the future");
    expect(refusal(() => checkAttestationTimes({ expiresAt: NOW + 60, issuedAt: NOW, notBefore: NOW + 30 }, NOW)).description).toContain("not valid yet");
  });
});

describe("readPopClaims", () => {
  const popHeader = { alg: "ES256", typ: ATTESTATION_POP_TYP };
  const pop = { aud: "https://warden.example", jti: "j1", iat: NOW };
  const expected = { audience: "https://warden.example", clientId: "cli_x", now: NOW };
  it("accepts a fresh PoP for Warden", () => {
    expect(readPopClaims(popHeader, pop, expected)).toEqual({ alg: "ES256", jti: "j1", issuedAt: NOW });
  });
  it.each([
    ["aud of another server", { ...pop, aud: "https://other.example" }, "aud must be Warden's issuer identifier"],
    ["aud with two audiences", { ...pop, aud: ["https://warden.example", "https://other.example"] }, "aud must be"],
    ["no jti", { ...pop, jti: undefined }, "needs a jti"],
    ["no iat", { ...pop, iat: undefined }, "needs iat"],
    ["an old iat", { ...pop, iat: NOW - 61 }, "too old"],
    ["a future iat", { ...pop, iat: NOW + 11 }, "iat is in the future"],
    ["a past exp", { ...pop, exp: NOW - 11 }, "PoP has expired"],
    ["another client's iss", { ...pop, iss: "cli_y" }, "iss, when present, must be the client id"],
  ])("refuses %s", (_name, payload, message) => {
    expect(refusal(() => readPopClaims(popHeader, payload as never, expected))).toMatchObject({ code: "invalid_client_attestation", description: expect.stringContaining(message) });
  });
});

describe("hardwareClaimsMet", () => {
  const claims = parseHardwareClaims({ key_storage: ["tpm", "secure_enclave"], "platform.verified": [true] });
  it("needs every listed claim to hold one of its values", () => {
    expect(hardwareClaimsMet({ key_storage: "tpm", platform: { verified: true } }, claims)).toBe(true);
    expect(hardwareClaimsMet({ key_storage: ["software", "secure_enclave"], platform: { verified: true } }, claims)).toBe(true);
    expect(hardwareClaimsMet({ key_storage: "tpm" }, claims)).toBe(false);
    expect(hardwareClaimsMet({ key_storage: "software", platform: { verified: true } }, claims)).toBe(false);
  });
  it("attests no hardware when the attester lists no claims, and ignores malformed stored values", () => {
    expect(hardwareClaimsMet({ key_storage: "tpm" }, {})).toBe(false);
    expect(parseHardwareClaims({ a: ["x", { nested: 1 }], b: "not a list" })).toEqual({ a: ["x"] });
  });
});
