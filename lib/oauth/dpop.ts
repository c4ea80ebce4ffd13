// DPoP proofs (RFC 9449) at Warden's token endpoint, with server-provided
// nonces. Nonces are stateless: an HMAC of a five-minute time bucket under the
// session secret, so every instance issues and accepts the same ones, and they
// rotate by themselves; the current and the previous bucket are accepted.
import crypto from "node:crypto";
import { calculateJwkThumbprint, compactVerify, decodeJwt, decodeProtectedHeader, type JWK, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import { sessionSecret } from "@/lib/auth/secret";
import { ACCEPTED_ALGORITHMS, CLOCK_SKEW_SECONDS, DPOP_MAX_AGE_SECONDS } from "@/lib/oauth/config";
import { OAuthError } from "@/lib/oauth/errors";
import { algorithmsFor, importPublicKey } from "@/lib/oauth/jose-keys";
import type { SingleUseValue } from "@/lib/oauth/commit-batch";

const BUCKET_SECONDS = 300;
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

// every token request checks and sends a nonce: remember the last few, per secret
const recentNonces = new Map<string, string>();

function nonceFor(bucket: number): string {
  const secret = sessionSecret();
  const key = `${bucket}:${secret}`;
  let nonce = recentNonces.get(key);
  if (nonce === undefined) {
    const mac = crypto.createHmac("sha256", secret).update(`warden-dpop-nonce:${bucket}`).digest("base64url").slice(0, 32);
    nonce = `${bucket.toString(36)}.${mac}`;
    if (recentNonces.size >= 4) recentNonces.delete(recentNonces.keys().next().value!);
    recentNonces.set(key, nonce);
  }
  return nonce;
}

export function currentDpopNonce(now = Math.floor(Date.now() / 1000)): string {
  return nonceFor(Math.floor(now / BUCKET_SECONDS));
}

export function isValidDpopNonce(nonce: unknown, now = Math.floor(Date.now() / 1000)): boolean {
  if (typeof nonce !== "string") return false;
  const bucket = Math.floor(now / BUCKET_SECONDS);
  return nonce === nonceFor(bucket) || nonce === nonceFor(bucket - 1);
}

const invalid = (description: string) => new OAuthError("invalid_dpop_proof", description);

/** The URL without query and fragment, as DPoP compares it. */
function normalizeHtu(value: string): string | null {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return null;
  }
}

export type VerifiedProof = { jkt: string; jwk: JWK; singleUse: SingleUseValue };

export async function verifyDpopProof(proof: string, expected: { htm: string; htu: string; now?: number }): Promise<VerifiedProof> {
  const now = expected.now ?? Math.floor(Date.now() / 1000);
  if (proof.includes(",") || proof.trim() !== proof) throw invalid("Send exactly one DPoP header");
  let header: ProtectedHeaderParameters;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(proof);
    claims = decodeJwt(proof);
  } catch {
    throw invalid("The DPoP proof is not a JWT");
  }
  if (header.typ !== "dpop+jwt") throw invalid('The DPoP proof must have typ "dpop+jwt"');
  if (typeof header.alg !== "string" || !ACCEPTED_ALGORITHMS.includes(header.alg)) throw invalid(`The DPoP proof's alg ${String(header.alg)} is not accepted; use one of ${ACCEPTED_ALGORITHMS.join(", ")}`);
  const jwk = header.jwk as JWK | undefined;
  if (!jwk || typeof jwk !== "object") throw invalid("The DPoP proof must carry its public key in the jwk header");
  if (PRIVATE_MEMBERS.some((member) => member in jwk)) throw invalid("The DPoP proof's jwk must be a public key (it contains private key material)");
  if (!algorithmsFor(jwk).includes(header.alg)) throw invalid(`The DPoP proof's jwk cannot verify ${header.alg}`);
  let jkt: string;
  try {
    jkt = await calculateJwkThumbprint(jwk, "sha256");
    await compactVerify(proof, await importPublicKey(jkt, jwk, header.alg), { algorithms: [header.alg] });
  } catch {
    throw invalid("The DPoP proof's signature does not verify with its jwk");
  }
  if (typeof claims.jti !== "string" || claims.jti.length === 0 || claims.jti.length > 256 || claims.jti.includes("\u0000")) throw invalid("The DPoP proof needs a jti (at most 256 characters, without NUL)");
  if (claims.htm !== expected.htm) throw invalid(`The DPoP proof's htm must be ${expected.htm}`);
  if (typeof claims.htu !== "string" || normalizeHtu(claims.htu) !== normalizeHtu(expected.htu)) throw invalid(`The DPoP proof's htu must be ${expected.htu}`);
  if (typeof claims.iat !== "number") throw invalid("The DPoP proof needs iat");
  if (claims.iat > now + CLOCK_SKEW_SECONDS) throw invalid("The DPoP proof's iat is in the future");
  if (claims.iat < now - DPOP_MAX_AGE_SECONDS) throw invalid(`The DPoP proof is older than ${DPOP_MAX_AGE_SECONDS} s`);
  if (!isValidDpopNonce(claims.nonce, now)) {
    throw new OAuthError("use_dpop_nonce", claims.nonce === undefined ? "Warden requires a DPoP nonce: retry with the one in the DPoP-Nonce header" : "The DPoP nonce is not valid any more: retry with the one in the DPoP-Nonce header", {
      "dpop-nonce": currentDpopNonce(now),
    });
  }
  return { jkt, jwk, singleUse: { key: `dpop:${jkt}:${claims.jti}`, expiresAtMs: (claims.iat + DPOP_MAX_AGE_SECONDS + CLOCK_SKEW_SECONDS) * 1000 } };
}
