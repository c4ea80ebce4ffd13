// Compact JWS signatures with node:crypto, for the token endpoint's hot path:
// the client assertion's and the DPoP proof's verification, the access token's
// signature, and RFC 7638 thumbprints. Written by hand because jose 6 signs,
// verifies and hashes only through WebCrypto, and on Node 20 a WebCrypto ECDSA
// operation costs the main thread about twice what node:crypto's one-shot
// sign/verify with a callback costs (both run the curve math on the thread
// pool; measured on the 2-core CI machine: 41.8 µs against 20.5 µs per P-256
// verification, 172.7 µs against 145.7 µs of CPU in all), and under the token
// benchmark WebCrypto was 23 % of the main thread. jose still parses every
// header and claims set (decodeProtectedHeader, decodeJwt) and does all other
// JOSE work; this file only checks a signature over bytes jose has parsed, or
// makes one. Every algorithm is bound to the key type it needs, so a key can
// never verify under another algorithm (no HMAC, no `none`: not in the table).
import crypto, { type KeyObject } from "node:crypto";
import type { JWK } from "jose";

type AlgorithmSpec = {
  /** the digest for crypto.sign/verify; null for Ed25519, which hashes internally */
  hash: string | null;
  keyTypes: string[];
  curve?: string;
  minModulusBits?: number;
  options: { dsaEncoding?: "ieee-p1363"; padding?: number; saltLength?: number };
};

const ED25519: AlgorithmSpec = { hash: null, keyTypes: ["ed25519"], options: {} };
const SPECS: Record<string, AlgorithmSpec> = {
  ES256: { hash: "sha256", keyTypes: ["ec"], curve: "prime256v1", options: { dsaEncoding: "ieee-p1363" } },
  EdDSA: ED25519,
  Ed25519: ED25519,
  PS256: { hash: "sha256", keyTypes: ["rsa", "rsa-pss"], minModulusBits: 2048, options: { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } },
  RS256: { hash: "sha256", keyTypes: ["rsa"], minModulusBits: 2048, options: { padding: crypto.constants.RSA_PKCS1_PADDING } },
};

/** Whether `key` may sign or verify under `alg` (its type, curve and size). */
function keyFits(spec: AlgorithmSpec, key: KeyObject): boolean {
  if (!key.asymmetricKeyType || !spec.keyTypes.includes(key.asymmetricKeyType)) return false;
  const details = key.asymmetricKeyDetails;
  if (spec.curve && details?.namedCurve !== spec.curve) return false;
  if (spec.minModulusBits && (details?.modulusLength ?? 0) < spec.minModulusBits) return false;
  return true;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

const MAX_KEYS = 5000;
const slot = Symbol.for("warden.nodePublicKeys");
function keyCache(): Map<string, KeyObject> {
  const holder = globalThis as { [slot]?: Map<string, KeyObject> };
  return (holder[slot] ??= new Map());
}

/**
 * The public KeyObject of a JWK, cached by `cacheKey` (an RFC 7638 thumbprint
 * names exactly one key, so the cache never hands out the wrong one). Throws
 * for a JWK node:crypto cannot import.
 */
export function publicKeyObject(cacheKey: string, jwk: JWK): KeyObject {
  const keys = keyCache();
  const found = keys.get(cacheKey);
  if (found) return found;
  const key = crypto.createPublicKey({ key: jwk as crypto.JsonWebKey, format: "jwk" });
  if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
  keys.set(cacheKey, key);
  return key;
}

/**
 * Whether the compact JWS `jws` carries a valid signature by `key` under `alg`.
 * The caller has decoded its protected header (`header`) and checked that
 * `header.alg` is `alg` and allowed. Refuses — false, never a throw — a JWS
 * that is not three base64url segments, a header with `crit` (Warden
 * understands no critical extension, RFC 7515 §4.1.11), an unknown algorithm,
 * and a key of the wrong type, curve or size.
 */
export function verifyCompactJws(jws: string, header: { alg?: unknown; crit?: unknown }, key: KeyObject, alg: string): Promise<boolean> {
  const spec = SPECS[alg];
  if (!spec || header.alg !== alg || header.crit !== undefined || key.type !== "public" || !keyFits(spec, key)) return Promise.resolve(false);
  const first = jws.indexOf(".");
  const last = jws.lastIndexOf(".");
  if (first <= 0 || last === first || jws.indexOf(".", first + 1) !== last) return Promise.resolve(false);
  const signed = jws.slice(0, last);
  const encodedSignature = jws.slice(last + 1);
  // strict base64url: a signature may not gain other spellings that decode to the same bytes
  if (!BASE64URL.test(jws.slice(0, first)) || !BASE64URL.test(jws.slice(first + 1, last)) || !BASE64URL.test(encodedSignature)) return Promise.resolve(false);
  const signature = Buffer.from(encodedSignature, "base64url");
  if (signature.toString("base64url") !== encodedSignature) return Promise.resolve(false);
  return new Promise((resolve) => {
    crypto.verify(spec.hash, Buffer.from(signed, "ascii"), { key, ...spec.options }, signature, (error, valid) => resolve(!error && valid));
  });
}

/** A compact JWS of `payload` under `header` (whose alg is `alg`), signed with the private `key`. */
export function signCompactJws(header: Record<string, unknown> & { alg: string }, payload: object, key: KeyObject): Promise<string> {
  const spec = SPECS[header.alg];
  if (!spec || key.type !== "private" || !keyFits(spec, key)) return Promise.reject(new Error(`This key cannot sign ${header.alg}`));
  const signed = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return new Promise((resolve, reject) => {
    crypto.sign(spec.hash, Buffer.from(signed, "ascii"), { key, ...spec.options }, (error, signature) => (error ? reject(error) : resolve(`${signed}.${signature.toString("base64url")}`)));
  });
}

const THUMBPRINT_MEMBERS: Record<string, string[]> = { EC: ["crv", "kty", "x", "y"], OKP: ["crv", "kty", "x"], RSA: ["e", "kty", "n"] };

/**
 * The RFC 7638 SHA-256 thumbprint of a public JWK (base64url), as jose's
 * calculateJwkThumbprint computes it, synchronously: the required members in
 * lexicographic order, without whitespace. Throws for other key types or a
 * missing or non-string member.
 */
export function jwkThumbprint(jwk: JWK): string {
  const members = typeof jwk.kty === "string" ? THUMBPRINT_MEMBERS[jwk.kty] : undefined;
  if (!members) throw new Error("The JWK's kty must be EC, OKP or RSA");
  let json = "{";
  for (const member of members) {
    const value = (jwk as Record<string, unknown>)[member];
    if (typeof value !== "string" || value.length === 0) throw new Error(`The JWK needs ${member}`);
    json += `${json.length > 1 ? "," : ""}${JSON.stringify(member)}:${JSON.stringify(value)}`;
  }
  return crypto.createHash("sha256").update(`${json}}`).digest("base64url");
}
