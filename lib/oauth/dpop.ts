// DPoP proofs (RFC 9449) at Warden's token endpoint, with server-provided
// nonces. Nonces are stateless: an HMAC of a five-minute time bucket under the
// session secret, so every instance issues and accepts the same ones, and they
// rotate by themselves; the current and the previous bucket are accepted.
import crypto from "node:crypto";
import type { JWK } from "jose";
import { sessionSecret } from "@/lib/auth/secret";
import { checkDpopProof, DpopProofError, type CheckedProof } from "@/lib/gateway/dpop-proof";
import { CLOCK_SKEW_SECONDS, DPOP_MAX_AGE_SECONDS } from "@/lib/oauth/config";
import { OAuthError } from "@/lib/oauth/errors";
import type { SingleUseValue } from "@/lib/oauth/commit-batch";

const BUCKET_SECONDS = 300;

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

export type VerifiedProof = { jkt: string; jwk: JWK; singleUse: SingleUseValue };

export async function verifyDpopProof(proof: string, expected: { htm: string; htu: string; now?: number }): Promise<VerifiedProof> {
  const now = expected.now ?? Math.floor(Date.now() / 1000);
  let checked: CheckedProof;
  try {
    checked = await checkDpopProof(proof, { ...expected, now, maxAgeSeconds: DPOP_MAX_AGE_SECONDS, skewSeconds: CLOCK_SKEW_SECONDS });
  } catch (error) {
    if (error instanceof DpopProofError) throw new OAuthError("invalid_dpop_proof", error.message);
    throw error;
  }
  const { jkt, jwk, jti, iat, nonce } = checked;
  if (!isValidDpopNonce(nonce, now)) {
    throw new OAuthError("use_dpop_nonce", nonce === undefined ? "Warden requires a DPoP nonce: retry with the one in the DPoP-Nonce header" : "The DPoP nonce is not valid any more: retry with the one in the DPoP-Nonce header", {
      "dpop-nonce": currentDpopNonce(now),
    });
  }
  return { jkt, jwk, singleUse: { key: `dpop:${jkt}:${jti}`, expiresAtMs: (iat + DPOP_MAX_AGE_SECONDS + CLOCK_SKEW_SECONDS) * 1000 } };
}
