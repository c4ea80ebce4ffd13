// The rules of draft-ietf-oauth-attestation-based-client-auth (-10, checked
// against the editor's copy of October 2026) that need no database: the shape
// of the Client Attestation JWT (§4) and of its PoP JWT (§5.1), and whether an
// attestation's claims satisfy a trusted attester's definition of "hardware".
// Pure: every check throws an OAuthError whose description a client developer
// can act on. Codes follow the draft's §7.4: invalid_client_attestation when
// the attestation or its PoP does not verify, use_fresh_attestation when the
// attestation is too old to accept.
import type { JWK, JWTPayload, ProtectedHeaderParameters } from "jose";
import { ACCEPTED_ALGORITHMS, CLOCK_SKEW_SECONDS } from "@/lib/oauth/config";
import { OAuthError } from "@/lib/oauth/errors";

export const ATTESTATION_TYP = "oauth-client-attestation+jwt";
export const ATTESTATION_POP_TYP = "oauth-client-attestation-pop+jwt";
/** A PoP must have been made this recently (its iat); its jti is remembered that long. */
export const POP_MAX_AGE_SECONDS = 60;

export const attestationRefusal = (description: string) => new OAuthError("invalid_client_attestation", description);

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export type AttestationClaims = { issuer: string; subject: string; expiresAt: number; issuedAt: number; instanceJwk: JWK };

function checkAlgorithm(header: ProtectedHeaderParameters, what: string, typ: string): string {
  if (header.typ !== typ) throw attestationRefusal(`The ${what}'s typ header must be ${typ}`);
  if (typeof header.alg !== "string" || !ACCEPTED_ALGORITHMS.includes(header.alg)) {
    throw attestationRefusal(`The ${what}'s alg ${String(header.alg)} is not accepted; use one of ${ACCEPTED_ALGORITHMS.join(", ")}`);
  }
  return header.alg;
}

/** §4 and §7.1: the header and required claims, before any signature is checked. */
export function readAttestationClaims(header: ProtectedHeaderParameters, payload: JWTPayload): AttestationClaims & { alg: string } {
  const alg = checkAlgorithm(header, "client attestation", ATTESTATION_TYP);
  if (typeof payload.iss !== "string" || payload.iss.length === 0) throw attestationRefusal("The client attestation needs iss (the trusted attester that issued it)");
  if (typeof payload.sub !== "string" || payload.sub.length === 0) throw attestationRefusal("The client attestation needs sub (the client id)");
  if (typeof payload.exp !== "number") throw attestationRefusal("The client attestation needs exp");
  if (typeof payload.iat !== "number") throw attestationRefusal("The client attestation needs iat");
  if (payload.nbf !== undefined && typeof payload.nbf !== "number") throw attestationRefusal("The client attestation's nbf must be a number");
  const cnf = payload.cnf;
  if (!isObject(cnf) || !isObject(cnf.jwk)) throw attestationRefusal("The client attestation needs cnf.jwk (the client instance's public key)");
  const jwk = cnf.jwk;
  if (typeof jwk.kty !== "string") throw attestationRefusal("The client attestation's cnf.jwk needs kty");
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) throw attestationRefusal("The client attestation's cnf.jwk must be a public key: it holds private or secret members");
  return { alg, issuer: payload.iss, subject: payload.sub, expiresAt: payload.exp, issuedAt: payload.iat, instanceJwk: jwk as JWK };
}

/** §4 exp and §7.1 freshness, once the signature verified: only the attester's own statements are judged on time. */
export function checkAttestationTimes(claims: { expiresAt: number; issuedAt: number; notBefore?: number }, now: number): void {
  if (claims.expiresAt <= now - CLOCK_SKEW_SECONDS) throw new OAuthError("use_fresh_attestation", "The client attestation has expired: ask the attester for a fresh one");
  if (claims.issuedAt > now + CLOCK_SKEW_SECONDS) throw attestationRefusal(`The client attestation's iat is in the future (more than ${CLOCK_SKEW_SECONDS} s of clock skew)`);
  if (claims.notBefore !== undefined && claims.notBefore > now + CLOCK_SKEW_SECONDS) throw attestationRefusal("The client attestation is not valid yet (nbf)");
}

export type PopClaims = { alg: string; jti: string; issuedAt: number };

/** §5.1 and §7.2: the PoP's header and claims (its signature is checked against cnf.jwk by the caller). */
export function readPopClaims(header: ProtectedHeaderParameters, payload: JWTPayload, expected: { audience: string; clientId: string; now: number }): PopClaims {
  const alg = checkAlgorithm(header, "client attestation PoP", ATTESTATION_POP_TYP);
  const { now } = expected;
  const audiences = typeof payload.aud === "string" ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  if (audiences.length !== 1 || audiences[0] !== expected.audience) throw attestationRefusal(`The client attestation PoP's aud must be Warden's issuer identifier ${expected.audience}`);
  if (typeof payload.jti !== "string" || payload.jti.length === 0 || payload.jti.length > 256 || payload.jti.includes("\u0000")) {
    throw attestationRefusal("The client attestation PoP needs a jti (a unique id, at most 256 characters, without NUL)");
  }
  if (typeof payload.iat !== "number") throw attestationRefusal("The client attestation PoP needs iat");
  if (payload.iat > now + CLOCK_SKEW_SECONDS) throw attestationRefusal(`The client attestation PoP's iat is in the future (more than ${CLOCK_SKEW_SECONDS} s of clock skew)`);
  if (payload.iat < now - POP_MAX_AGE_SECONDS) throw attestationRefusal(`The client attestation PoP is too old: make a fresh one for each request (iat within the last ${POP_MAX_AGE_SECONDS} s)`);
  if (payload.exp !== undefined && (typeof payload.exp !== "number" || payload.exp <= now - CLOCK_SKEW_SECONDS)) throw attestationRefusal("The client attestation PoP has expired");
  // earlier drafts put the client id in the PoP's iss: if it is there, it must be this client
  if (payload.iss !== undefined && payload.iss !== expected.clientId) throw attestationRefusal("The client attestation PoP's iss, when present, must be the client id (the attestation's sub)");
  return { alg, jti: payload.jti, issuedAt: payload.iat };
}

/**
 * An attester's definition of "the key is in hardware": claim name (a dotted
 * path for nested claims) → the values that mean it. Every listed claim must
 * hold one of its values (or, for an array claim, contain one). An attester
 * that lists nothing attests no hardware.
 */
export type HardwareClaims = Record<string, (string | number | boolean)[]>;

function claimAt(payload: Record<string, unknown>, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split(".")) {
    if (!isObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

export function hardwareClaimsMet(payload: Record<string, unknown>, hardwareClaims: HardwareClaims): boolean {
  const entries = Object.entries(hardwareClaims);
  if (entries.length === 0) return false;
  return entries.every(([path, accepted]) => {
    const value = claimAt(payload, path);
    const values = Array.isArray(value) ? value : [value];
    return values.some((item) => accepted.includes(item as string | number | boolean));
  });
}

/** The hardwareClaims column as stored (JSON), read defensively. */
export function parseHardwareClaims(stored: unknown): HardwareClaims {
  if (!isObject(stored)) return {};
  const result: HardwareClaims = {};
  for (const [path, values] of Object.entries(stored)) {
    if (Array.isArray(values)) result[path] = values.filter((value): value is string | number | boolean => ["string", "number", "boolean"].includes(typeof value));
  }
  return result;
}
