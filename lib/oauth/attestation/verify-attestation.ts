// Verifies a Client Attestation JWT against the trusted attester named by its
// iss: the attester must be registered, active and unexpired, and one of the
// keys in its JWKS must verify the signature; then the attestation's own times
// are checked. Used by the token endpoint (attest_jwt_client_auth) and by key
// registration (an attestation as evidence that a key is hardware-bound).
// Attesters are read per policy revision (attester.* changes bump it).
import { calculateJwkThumbprint, compactVerify, decodeJwt, decodeProtectedHeader, type JWK, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import { db } from "@/lib/db/client";
import { attestationRefusal, checkAttestationTimes, hardwareClaimsMet, parseHardwareClaims, readAttestationClaims, type AttestationClaims, type HardwareClaims } from "@/lib/oauth/attestation/claims";
import { algorithmsFor, importPublicKey } from "@/lib/oauth/jose-keys";
import { cachedLookup } from "@/lib/policy/policy-cache";

export type TrustedAttesterRecord = { id: string; name: string; issuer: string; keys: JWK[]; hardwareClaims: HardwareClaims; status: string; expiresAt: Date | null };

async function loadAttester(issuer: string): Promise<TrustedAttesterRecord | null> {
  const row = await db().trustedAttester.findUnique({ where: { issuer }, select: { id: true, name: true, issuer: true, jwks: true, hardwareClaims: true, status: true, expiresAt: true } });
  if (!row) return null;
  const jwks = row.jwks as { keys?: unknown } | null;
  const keys = Array.isArray(jwks?.keys) ? (jwks.keys.filter((key) => typeof key === "object" && key !== null) as JWK[]) : [];
  return { id: row.id, name: row.name, issuer: row.issuer, keys, hardwareClaims: parseHardwareClaims(row.hardwareClaims), status: row.status, expiresAt: row.expiresAt };
}

/** The trusted attester registered for an issuer (any status), cached per policy revision. */
export function trustedAttester(issuer: string): Promise<TrustedAttesterRecord | null> {
  return cachedLookup("attester", issuer, () => loadAttester(issuer));
}

export type VerifiedAttestation = AttestationClaims & {
  attester: TrustedAttesterRecord;
  /** RFC 7638 thumbprint of cnf.jwk */
  instanceJkt: string;
  /** the attester's hardwareClaims hold for this attestation */
  hardware: boolean;
};

function decode(jwt: string): { header: ProtectedHeaderParameters; payload: JWTPayload } {
  try {
    return { header: decodeProtectedHeader(jwt), payload: decodeJwt(jwt) };
  } catch {
    throw attestationRefusal("The client attestation is not a JWT");
  }
}

async function verifiedBy(jwt: string, attester: TrustedAttesterRecord, header: ProtectedHeaderParameters, alg: string): Promise<boolean> {
  const candidates = typeof header.kid === "string" ? attester.keys.filter((key) => key.kid === header.kid) : attester.keys;
  for (const jwk of candidates) {
    if (!algorithmsFor(jwk).includes(alg)) continue;
    try {
      await compactVerify(jwt, await importPublicKey(`attester:${attester.id}:${await calculateJwkThumbprint(jwk)}`, jwk, alg), { algorithms: [alg] });
      return true;
    } catch {
      // try the next key
    }
  }
  return false;
}

export async function verifyAttestation(jwt: string, now: number): Promise<VerifiedAttestation> {
  const { header, payload } = decode(jwt);
  const claims = readAttestationClaims(header, payload);
  const attester = await trustedAttester(claims.issuer);
  if (!attester) throw attestationRefusal(`The client attestation's issuer ${claims.issuer.slice(0, 200)} is not a trusted attester`);
  if (attester.status !== "active") throw attestationRefusal(`The attester ${attester.name} is no longer trusted (revoked)`);
  if (attester.expiresAt && attester.expiresAt.getTime() <= now * 1000) throw attestationRefusal(`The trust in attester ${attester.name} expired on ${attester.expiresAt.toISOString()}`);
  if (!(await verifiedBy(jwt, attester, header, claims.alg))) {
    throw attestationRefusal(`The client attestation's signature does not verify with any key of attester ${attester.name}${typeof header.kid === "string" ? ` (kid ${header.kid.slice(0, 100)})` : ""}`);
  }
  checkAttestationTimes({ expiresAt: claims.expiresAt, issuedAt: claims.issuedAt, notBefore: typeof payload.nbf === "number" ? payload.nbf : undefined }, now);
  let instanceJkt: string;
  try {
    instanceJkt = await calculateJwkThumbprint(claims.instanceJwk);
  } catch {
    throw attestationRefusal("The client attestation's cnf.jwk is not a usable public key");
  }
  return { ...claims, attester, instanceJkt, hardware: hardwareClaimsMet(payload as Record<string, unknown>, attester.hardwareClaims) };
}
