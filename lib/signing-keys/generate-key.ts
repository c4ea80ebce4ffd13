// Generates a signing key pair for one of Warden's algorithms. The kid is the
// RFC 7638 thumbprint of the public key.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";

export const SIGNING_ALGORITHMS = ["ES256", "EdDSA", "PS256"] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export async function generateSigningKey(alg: SigningAlgorithm): Promise<{ kid: string; alg: SigningAlgorithm; publicJwk: JWK; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === "EdDSA" ? { crv: "Ed25519" } : {}), ...(alg === "PS256" ? { modulusLength: 2048 } : {}) });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, "sha256");
  const privateJwk = await exportJWK(privateKey);
  return { kid, alg, publicJwk: { ...publicJwk, kid, alg, use: "sig" }, privateJwk: { ...privateJwk, kid, alg } };
}
