// The checks of a DPoP proof (RFC 9449 §4.3) that Warden's token endpoint and
// the enforcement SDK's resource-server side share: typ, an asymmetric
// algorithm its public jwk can verify, the signature, jti, htm, htu, iat and,
// at a resource server, ath. Nonces and the jti replay cache are the caller's
// (the token endpoint keeps both in the database, the SDK in memory). Written
// around jose because no library checks the DPoP claims themselves; the
// signature and thumbprint through node:crypto (lib/oauth/node-jws.ts says why).
// No Next.js or database imports: usable from any Node service.
import crypto from "node:crypto";
import { decodeJwt, decodeProtectedHeader, type JWK, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import { algorithmsFor } from "@/lib/oauth/jose-keys";
import { jwkThumbprint, publicKeyObject, verifyCompactJws } from "@/lib/oauth/node-jws";

/** Asymmetric only: never none or HMAC. */
export const DPOP_ALGORITHMS = ["ES256", "EdDSA", "Ed25519", "PS256"];
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

export class DpopProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DpopProofError";
  }
}

/** The URL without query and fragment, as DPoP compares it (RFC 9449 §4.3 item 9). */
export function normalizeHtu(value: string): string | null {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return null;
  }
}

/** base64url(SHA-256(access token)), the `ath` claim. */
export function accessTokenHash(accessToken: string): string {
  return crypto.createHash("sha256").update(accessToken, "ascii").digest("base64url");
}

export type ProofExpectations = {
  htm: string;
  htu: string;
  /** seconds since the epoch; defaults to now */
  now?: number;
  /** a proof older than this is refused */
  maxAgeSeconds: number;
  /** iat this far ahead is tolerated as clock skew */
  skewSeconds: number;
  /** at a resource server: the access token the proof must be bound to (`ath`) */
  accessToken?: string;
};

export type CheckedProof = { jkt: string; jwk: JWK; jti: string; iat: number; nonce: unknown };

export async function checkDpopProof(proof: string, expected: ProofExpectations): Promise<CheckedProof> {
  const now = expected.now ?? Math.floor(Date.now() / 1000);
  if (proof.includes(",") || proof.trim() !== proof) throw new DpopProofError("Send exactly one DPoP header");
  let header: ProtectedHeaderParameters;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(proof);
    claims = decodeJwt(proof);
  } catch {
    throw new DpopProofError("The DPoP proof is not a JWT");
  }
  if (header.typ !== "dpop+jwt") throw new DpopProofError('The DPoP proof must have typ "dpop+jwt"');
  if (typeof header.alg !== "string" || !DPOP_ALGORITHMS.includes(header.alg)) throw new DpopProofError(`The DPoP proof's alg ${String(header.alg)} is not accepted; use one of ${DPOP_ALGORITHMS.join(", ")}`);
  const jwk = header.jwk as JWK | undefined;
  if (!jwk || typeof jwk !== "object") throw new DpopProofError("The DPoP proof must carry its public key in the jwk header");
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) throw new DpopProofError("The DPoP proof's jwk must be a public key (it contains private key material)");
  if (!algorithmsFor(jwk).includes(header.alg)) throw new DpopProofError(`The DPoP proof's jwk cannot verify ${header.alg}`);
  let jkt = "";
  let valid = false;
  try {
    jkt = jwkThumbprint(jwk);
    valid = await verifyCompactJws(proof, header, publicKeyObject(jkt, jwk), header.alg);
  } catch {
    valid = false;
  }
  if (!valid) throw new DpopProofError("The DPoP proof's signature does not verify with its jwk");
  if (typeof claims.jti !== "string" || claims.jti.length === 0 || claims.jti.length > 256 || claims.jti.includes("\u0000")) throw new DpopProofError("The DPoP proof needs a jti (at most 256 characters, without NUL)");
  if (claims.htm !== expected.htm) throw new DpopProofError(`The DPoP proof's htm must be ${expected.htm}`);
  if (typeof claims.htu !== "string" || normalizeHtu(claims.htu) !== normalizeHtu(expected.htu)) throw new DpopProofError(`The DPoP proof's htu must be ${expected.htu}`);
  if (typeof claims.iat !== "number") throw new DpopProofError("The DPoP proof needs iat");
  if (claims.iat > now + expected.skewSeconds) throw new DpopProofError("The DPoP proof's iat is in the future");
  if (claims.iat < now - expected.maxAgeSeconds) throw new DpopProofError(`The DPoP proof is older than ${expected.maxAgeSeconds} s`);
  if (expected.accessToken !== undefined) {
    if (typeof claims.ath !== "string") throw new DpopProofError("The DPoP proof needs ath, the hash of the access token");
    if (claims.ath !== accessTokenHash(expected.accessToken)) throw new DpopProofError("The DPoP proof's ath does not match the access token");
  }
  return { jkt, jwk, jti: claims.jti, iat: claims.iat, nonce: claims.nonce };
}
