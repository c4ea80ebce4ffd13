// Imported public keys, cached by RFC 7638 thumbprint. A thumbprint names
// exactly one key, so the cache can never hand out the wrong key; it only
// saves re-importing the same JWK on every request.
import { importJWK, type CryptoKey, type JWK, type KeyObject } from "jose";

type KeyLike = CryptoKey | KeyObject;
const MAX = 5000;
const slot = Symbol.for("warden.importedKeys");
function cache(): Map<string, KeyLike> {
  const holder = globalThis as { [slot]?: Map<string, KeyLike> };
  return (holder[slot] ??= new Map());
}

export async function importPublicKey(cacheKey: string, jwk: JWK, alg: string): Promise<KeyLike> {
  const keys = cache();
  const id = `${cacheKey}:${alg}`;
  const found = keys.get(id);
  if (found) return found;
  const imported = (await importJWK(jwk, alg)) as KeyLike;
  if (keys.size >= MAX) keys.delete(keys.keys().next().value!);
  keys.set(id, imported);
  return imported;
}

/** The algorithms a public JWK can verify. */
export function algorithmsFor(jwk: { kty?: string; crv?: string; alg?: string }): string[] {
  if (jwk.kty === "EC" && jwk.crv === "P-256") return ["ES256"];
  if (jwk.kty === "OKP" && jwk.crv === "Ed25519") return ["EdDSA", "Ed25519"];
  if (jwk.kty === "RSA") return jwk.alg === "RS256" ? ["RS256"] : jwk.alg === "PS256" ? ["PS256"] : ["PS256", "RS256"];
  return [];
}
