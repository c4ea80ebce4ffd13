import "server-only";
// Validates the public keys submitted for an identity before anything touches
// the database (pure: no I/O). Only signing keys Warden's verifiers accept get
// through: EC P-256 (ES256), OKP Ed25519 (EdDSA, or "Ed25519" as newer clients
// name it) and RSA ≥ 2048 bits (PS256 or RS256). Private or secret material is
// refused outright and never echoed back.
//
// Field paths name the member as sent in the request body (docs/api.md):
// `jwk.<member>` for a single JWK, `jwks.keys.<index>.<member>` for a JWK Set,
// and the key itself (`jwk`, `jwks.keys.<index>`) when no one member is at fault.
import { X509Certificate } from "node:crypto";
import { calculateJwkThumbprint, importJWK, type JWK } from "jose";
import { AppError, type FieldIssue } from "@/lib/errors/app-error";
import { MAX_KEYS_PER_SUBMISSION } from "@/lib/identities/keys/schemas";

export type KeyType = "EC" | "OKP" | "RSA";

export type NormalizedKey = {
  /** position in the submission (0 for a single JWK) */
  index: number;
  /** the body path of this key: "jwk" or "jwks.keys.<index>" */
  path: string;
  kid: string;
  thumbprint: string;
  kty: KeyType;
  crv: string | null;
  alg: string;
  /** strings, and x5c (the key's certificate chain, for self_signed_tls_client_auth) */
  publicJwk: Record<string, string | string[]>;
};

type TypeRule = { crv: string | null; algs: readonly string[]; defaultAlg: string | null; coordinates: readonly string[]; coordinateBytes: number | null };

const KEY_TYPES: Record<KeyType, TypeRule> = {
  EC: { crv: "P-256", algs: ["ES256"], defaultAlg: "ES256", coordinates: ["x", "y"], coordinateBytes: 32 },
  OKP: { crv: "Ed25519", algs: ["EdDSA", "Ed25519"], defaultAlg: "EdDSA", coordinates: ["x"], coordinateBytes: 32 },
  // PS256 or RS256 is the registrant's choice, so an RSA key must say which
  RSA: { crv: null, algs: ["PS256", "RS256"], defaultAlg: null, coordinates: ["n", "e"], coordinateBytes: null },
};

/** Algorithms a key of this type and declared alg may sign with (Ed25519 keys answer to both names). */
export function signingAlgorithms(key: { kty: KeyType; alg: string }): string[] {
  return key.kty === "OKP" ? [...KEY_TYPES.OKP.algs] : [key.alg];
}

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;
const REMOTE_MEMBERS = ["x5u", "jku"] as const;
const MIN_RSA_BITS = 2048;
const MAX_RSA_BITS = 8192;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const KID = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;

/** One problem with one key; `member` null means the key as a whole. */
class KeyProblem extends Error {
  constructor(
    readonly member: string | null,
    message: string,
  ) {
    super(message);
  }
}

// Echo user input in messages only in short, printable form.
function shown(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const printable = (text ?? String(value)).replace(/[^\x20-\x7e]/g, "?");
  return `"${printable.length > 40 ? `${printable.slice(0, 40)}…` : printable}"`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function keyType(jwk: Record<string, unknown>): KeyType {
  const kty = jwk.kty;
  if (kty === undefined) throw new KeyProblem("kty", "is required: EC, OKP or RSA");
  if (kty === "oct") throw new KeyProblem("kty", "symmetric (oct) keys cannot be registered: Warden holds public keys only");
  if (typeof kty !== "string" || !(kty in KEY_TYPES)) throw new KeyProblem("kty", `unsupported key type ${shown(kty)}: use EC (P-256), OKP (Ed25519) or RSA`);
  return kty as KeyType;
}

function refuseSecretsAndRemotes(jwk: Record<string, unknown>): void {
  const secret = PRIVATE_MEMBERS.find((member) => member in jwk);
  if (secret) throw new KeyProblem(secret, `is private key material: submit the public key only`);
  const remote = REMOTE_MEMBERS.find((member) => member in jwk);
  if (remote) throw new KeyProblem(remote, "remote key URLs are not accepted: submit the public key itself");
  if (jwk.use !== undefined && jwk.use !== "sig") {
    throw new KeyProblem("use", jwk.use === "enc" ? 'encryption keys (use "enc") cannot be registered: identity keys sign' : 'must be "sig" when given');
  }
}

function curve(kty: KeyType, jwk: Record<string, unknown>): string | null {
  const expected = KEY_TYPES[kty].crv;
  if (expected === null) return null;
  if (jwk.crv === undefined) throw new KeyProblem("crv", `is required for ${kty} keys: ${expected}`);
  if (jwk.crv !== expected) throw new KeyProblem("crv", `unsupported curve ${shown(jwk.crv)}: ${kty} keys must use ${expected}`);
  return expected;
}

function algorithm(kty: KeyType, jwk: Record<string, unknown>): string {
  const { algs, defaultAlg } = KEY_TYPES[kty];
  const allowed = algs.join(" or ");
  const alg = jwk.alg;
  if (alg === undefined) {
    if (defaultAlg) return defaultAlg;
    throw new KeyProblem("alg", `is required for ${kty} keys: ${allowed}`);
  }
  if (typeof alg !== "string") throw new KeyProblem("alg", `must be a string: ${allowed}`);
  if (alg.toLowerCase() === "none") throw new KeyProblem("alg", `"none" is not a signature algorithm: use ${allowed}`);
  if (/^HS\d+$/.test(alg)) throw new KeyProblem("alg", `${alg} is a symmetric (HMAC) algorithm: use ${allowed}`);
  if (!algs.includes(alg)) throw new KeyProblem("alg", `${shown(alg)} does not fit an ${kty} key: use ${allowed}`);
  return alg;
}

function modulusBits(bytes: Buffer): number {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const first = bytes[start] ?? 0;
  return (bytes.length - start - 1) * 8 + (first === 0 ? 0 : Math.floor(Math.log2(first)) + 1);
}

function coordinates(kty: KeyType, crv: string | null, jwk: Record<string, unknown>): Record<string, string> {
  const rule = KEY_TYPES[kty];
  const values: Record<string, string> = {};
  for (const member of rule.coordinates) {
    const value = jwk[member];
    if (value === undefined || value === "") throw new KeyProblem(member, `is required for ${kty} keys`);
    if (typeof value !== "string" || !BASE64URL.test(value)) throw new KeyProblem(member, "is not base64url (A-Z, a-z, 0-9, - and _, without padding)");
    const bytes = Buffer.from(value, "base64url");
    if (rule.coordinateBytes !== null && bytes.length !== rule.coordinateBytes) {
      throw new KeyProblem(member, `must be ${rule.coordinateBytes} bytes for ${crv} (got ${bytes.length})`);
    }
    if (member === "n") {
      const bits = modulusBits(bytes);
      if (bits < MIN_RSA_BITS) throw new KeyProblem("n", `the RSA modulus is ${bits} bits: at least ${MIN_RSA_BITS} are required`);
      if (bits > MAX_RSA_BITS) throw new KeyProblem("n", `the RSA modulus is ${bits} bits: at most ${MAX_RSA_BITS} are accepted`);
    }
    values[member] = value;
  }
  return values;
}

const MAX_X5C = 5;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * x5c (RFC 7517 §4.7): standard base64 DER certificates, the first holding
 * this very key. Kept so a client registered for self_signed_tls_client_auth
 * (RFC 8705 §2.2) can present that certificate in mutual TLS.
 */
async function certificateChain(jwk: Record<string, unknown>, thumbprint: string): Promise<string[] | null> {
  const x5c = jwk.x5c;
  if (x5c === undefined) return null;
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > MAX_X5C) throw new KeyProblem("x5c", `must be an array of 1 to ${MAX_X5C} base64 DER certificates`);
  if (!x5c.every((entry) => typeof entry === "string" && entry.length <= 16_384 && BASE64.test(entry))) throw new KeyProblem("x5c", "entries must be standard base64 (not base64url) DER certificates");
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(x5c[0] as string, "base64"));
  } catch {
    throw new KeyProblem("x5c", "the first entry is not an X.509 certificate");
  }
  const certified = await calculateJwkThumbprint(certificate.publicKey.export({ format: "jwk" }) as JWK, "sha256").catch(() => null);
  if (certified !== thumbprint) throw new KeyProblem("x5c", "the first certificate does not hold this key (RFC 7517 §4.7)");
  return x5c as string[];
}

function keyId(jwk: Record<string, unknown>): string | undefined {
  if (jwk.kid === undefined) return undefined;
  if (typeof jwk.kid !== "string" || !KID.test(jwk.kid)) throw new KeyProblem("kid", "must be 1 to 200 printable ASCII characters, without surrounding spaces");
  return jwk.kid;
}

async function normalizeKey(raw: unknown, index: number, path: string): Promise<NormalizedKey> {
  if (!isObject(raw)) throw new KeyProblem(null, "must be a JWK object");
  const kty = keyType(raw);
  refuseSecretsAndRemotes(raw);
  const crv = curve(kty, raw);
  const alg = algorithm(kty, raw);
  const members = coordinates(kty, crv, raw);
  const kid = keyId(raw);
  // RFC 7638 members only: kty, crv and the coordinates
  const thumbprintMembers: JWK = { kty, ...(crv ? { crv } : {}), ...members };
  try {
    await importJWK({ ...thumbprintMembers, alg }, alg);
  } catch {
    throw new KeyProblem(null, `is not a usable ${kty} public key: its ${KEY_TYPES[kty].coordinates.join(" and ")} do not form a valid key`);
  }
  const thumbprint = await calculateJwkThumbprint(thumbprintMembers, "sha256");
  const x5c = await certificateChain(raw, thumbprint);
  const publicJwk: Record<string, string | string[]> = { ...(thumbprintMembers as Record<string, string>), kid: kid ?? thumbprint, alg, ...(raw.use === "sig" ? { use: "sig" } : {}), ...(x5c ? { x5c } : {}) };
  return { index, path, kid: kid ?? thumbprint, thumbprint, kty, crv, alg, publicJwk };
}

function submissionShape(submission: { jwk?: unknown; jwks?: unknown }): { keys: unknown[]; pathOf: (index: number) => string } {
  const { jwk, jwks } = submission;
  if (jwk !== undefined && jwks !== undefined) throw new AppError("validation_failed", "Send one key as jwk or several as jwks, not both", { issues: [{ path: "jwks", message: "send jwk or jwks, not both" }] });
  if (jwk !== undefined) return { keys: [jwk], pathOf: () => "jwk" };
  if (jwks === undefined) throw new AppError("validation_failed", "Send a public key as jwk or a JWK Set as jwks", { issues: [{ path: "jwk", message: "is required (or send jwks)" }] });
  const keys = isObject(jwks) ? jwks.keys : undefined;
  const problem = (message: string) => new AppError("validation_failed", "The JWK Set is not acceptable", { issues: [{ path: "jwks.keys", message }] });
  if (!Array.isArray(keys)) throw problem('must be an array of JWKs: {"keys": [...]}');
  if (keys.length === 0) throw problem("must contain at least one key");
  if (keys.length > MAX_KEYS_PER_SUBMISSION) throw problem(`holds ${keys.length} keys: at most ${MAX_KEYS_PER_SUBMISSION} per submission`);
  return { keys, pathOf: (index) => `jwks.keys.${index}` };
}

/**
 * Checks a submitted JWK or JWK Set and returns the keys in normalized form, or
 * throws validation_failed naming every offending member (one per key).
 */
export async function validatePublicKeys(submission: { jwk?: unknown; jwks?: unknown }): Promise<NormalizedKey[]> {
  const { keys, pathOf } = submissionShape(submission);
  const issues: FieldIssue[] = [];
  const normalized: NormalizedKey[] = [];
  for (const [index, raw] of keys.entries()) {
    const path = pathOf(index);
    try {
      normalized.push(await normalizeKey(raw, index, path));
    } catch (error) {
      if (!(error instanceof KeyProblem)) throw error;
      issues.push({ path: error.member ? `${path}.${error.member}` : path, message: error.message });
    }
  }
  const byThumbprint = new Map<string, NormalizedKey>();
  const byKid = new Map<string, NormalizedKey>();
  for (const key of normalized) {
    const sameKey = byThumbprint.get(key.thumbprint);
    const sameKid = byKid.get(key.kid);
    if (sameKey) issues.push({ path: key.path, message: `is the same key as ${sameKey.path}` });
    else if (sameKid) issues.push({ path: `${key.path}.kid`, message: `duplicates the kid of ${sameKid.path}` });
    byThumbprint.set(key.thumbprint, sameKey ?? key);
    byKid.set(key.kid, sameKid ?? key);
  }
  if (issues.length > 0) {
    throw new AppError("validation_failed", keys.length === 1 ? "The key is not acceptable" : "Some of the submitted keys are not acceptable", { issues });
  }
  return normalized;
}
