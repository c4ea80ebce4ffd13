// Whether a signing-key row is one Warden made. A row is believed only when its
// private part, sealed with the key-encryption key and bound to the kid (AES-GCM
// associated data), opens, its public members equal the stored public JWK, and
// the kid is that JWK's thumbprint. Someone who can write the database but lacks
// the KEK therefore cannot publish a key of their own in the JWKS (and sign
// tokens, bundles or anchors that verify), nor swap an existing key's public part.
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JWK, type KeyObject } from "jose";
import type { SigningAlgorithm } from "@/lib/signing-keys/generate-key";
import { decryptSecret } from "@/lib/signing-keys/kek";

export type KeyRow = { kid: string; alg: string; publicJwk: unknown; encryptedPrivateKey: string };
export type AuthenticatedKey = { alg: SigningAlgorithm; publicJwk: JWK; privateJwk: JWK; publicKey: CryptoKey | KeyObject };

const PUBLIC_MEMBERS = ["kty", "crv", "x", "y", "n", "e"] as const;
const ALGORITHMS: readonly string[] = ["ES256", "EdDSA", "PS256"] satisfies SigningAlgorithm[];

function openPrivateJwk(row: KeyRow): JWK | null {
  try {
    return JSON.parse(decryptSecret(row.encryptedPrivateKey, row.kid)) as JWK;
  } catch {
    return null;
  }
}

export async function authenticateKeyRow(row: KeyRow): Promise<AuthenticatedKey | { error: string }> {
  if (!ALGORITHMS.includes(row.alg)) return { error: `signing key ${row.kid} names an algorithm Warden does not use (${row.alg})` };
  const publicJwk = row.publicJwk as JWK;
  const privateJwk = openPrivateJwk(row);
  if (!privateJwk) return { error: `the record of signing key ${row.kid} cannot be authenticated with the key-encryption key` };
  if (PUBLIC_MEMBERS.some((member) => privateJwk[member] !== publicJwk[member]) || (await calculateJwkThumbprint(publicJwk, "sha256")) !== row.kid) {
    return { error: `the public part of signing key ${row.kid} was changed` };
  }
  return { alg: row.alg as SigningAlgorithm, publicJwk, privateJwk, publicKey: (await importJWK(publicJwk, row.alg)) as CryptoKey | KeyObject };
}
