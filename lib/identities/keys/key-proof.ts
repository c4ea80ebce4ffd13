import "server-only";
// Proof of possession for submitted keys: the registrant signs a single-use
// Warden challenge with each private key, as a compact JWS
//   header  { alg, kid?, typ: "warden-key-proof+jwt" }
//   payload { challenge: <nonce>, aud: <Warden public URL>, iat }
// and Warden verifies it with the submitted public key. This stops anyone from
// registering a public key they do not hold (someone else's key).
import crypto from "node:crypto";
import { compactVerify, decodeProtectedHeader, importJWK } from "jose";
import { sessionSecret } from "@/lib/auth/secret";
import type { Tx } from "@/lib/db/transaction";
import { AppError, invalid, type FieldIssue } from "@/lib/errors/app-error";
import { signingAlgorithms, type NormalizedKey } from "@/lib/identities/keys/validate-jwk";

export const KEY_PROOF_TYP = "warden-key-proof+jwt";
export const CHALLENGE_TTL_MS = 5 * 60_000;
const CLOCK_SKEW_MS = 60_000;

// The KeyChallenge row stores only the id. The nonce is a keyed hash of that id
// rather than the id itself: ULIDs from a monotonic factory are guessable in
// sequence, a keyed hash is not without Warden's secret, and nothing secret has
// to be stored. Single use is enforced on the row (usedAt), not by the nonce.
export function challengeNonce(challengeId: string): string {
  return crypto.createHmac("sha256", sessionSecret()).update(`warden-key-challenge:${challengeId}`).digest("base64url");
}

type Expected = { nonce: string; audience: string; now: Date };

/** Checks one proof; returns what is wrong with it, or null when it proves possession of `key`. */
export async function keyProofProblem(jws: string, key: NormalizedKey, expected: Expected): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(jws)) return "is not a compact JWS (header.payload.signature)";
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return "has an unreadable JWS header";
  }
  const algorithms = signingAlgorithms(key);
  if (typeof header.alg !== "string" || header.alg.toLowerCase() === "none") return 'is unsigned (alg "none"): sign it with the private key';
  if (!algorithms.includes(header.alg)) return `is signed with ${header.alg}, but the key is registered for ${algorithms.join(" or ")}`;
  if (header.typ !== KEY_PROOF_TYP) return `must have typ "${KEY_PROOF_TYP}" in its header`;
  if (header.kid !== undefined && header.kid !== key.kid) return "names another kid in its header than the key it is given for";
  let payload: Uint8Array;
  try {
    const publicKey = await importJWK({ ...key.publicJwk, alg: header.alg }, header.alg);
    ({ payload } = await compactVerify(jws, publicKey, { algorithms }));
  } catch {
    return "has a signature that does not verify with this key";
  }
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  } catch {
    return "has a payload that is not JSON";
  }
  if (claims.challenge !== expected.nonce) return "does not sign the nonce of this challenge";
  if (claims.aud !== expected.audience) return `must have aud "${expected.audience}"`;
  if (typeof claims.iat !== "number") return "must have iat (seconds since the epoch)";
  const issuedAt = claims.iat * 1000;
  if (issuedAt > expected.now.getTime() + CLOCK_SKEW_MS || issuedAt < expected.now.getTime() - CHALLENGE_TTL_MS - CLOCK_SKEW_MS) {
    return "has an iat outside the challenge's lifetime";
  }
  return null;
}

/**
 * Verifies the proofs given for the submitted keys (each keyed by kid or by
 * index) and returns the indexes of the proven keys; throws naming every bad proof.
 */
export async function verifyKeyProofs(keys: NormalizedKey[], proofs: Record<string, string>, expected: Expected): Promise<Set<number>> {
  const issues: FieldIssue[] = [];
  const proven = new Set<number>();
  for (const [ref, jws] of Object.entries(proofs)) {
    const key = keys.find((candidate) => candidate.kid === ref) ?? keys.find((candidate) => String(candidate.index) === ref);
    if (!key) {
      issues.push({ path: `proofs.${ref}`, message: "does not name a submitted key: use its kid or its index" });
      continue;
    }
    if (proven.has(key.index)) {
      issues.push({ path: `proofs.${ref}`, message: "is a second proof for the same key" });
      continue;
    }
    const problem = await keyProofProblem(jws, key, expected);
    if (problem) issues.push({ path: `proofs.${ref}`, message: problem });
    else proven.add(key.index);
  }
  if (issues.length > 0) throw invalid("A proof of possession is not valid", issues);
  return proven;
}

/**
 * Marks the challenge used, inside the caller's transaction. The conditional
 * update is what makes it single-use under concurrency: of two transactions
 * consuming the same challenge, the second updates no row and fails.
 */
export async function consumeKeyChallenge(tx: Tx, options: { challengeId: string; identityId: string; now: Date }): Promise<void> {
  const { challengeId, identityId, now } = options;
  const refuse = (message: string) => new AppError("validation_failed", "The key challenge cannot be used", { issues: [{ path: "challengeId", message }] });
  const challenge = await tx.keyChallenge.findUnique({ where: { id: challengeId } });
  if (!challenge || challenge.identityId !== identityId) throw refuse("is not a challenge issued for this identity");
  if (challenge.usedAt) throw refuse("has already been used: request a new challenge");
  if (challenge.expiresAt.getTime() <= now.getTime()) throw refuse("has expired: request a new challenge");
  const { count } = await tx.keyChallenge.updateMany({ where: { id: challengeId, usedAt: null }, data: { usedAt: now } });
  if (count !== 1) throw refuse("has already been used: request a new challenge");
}
