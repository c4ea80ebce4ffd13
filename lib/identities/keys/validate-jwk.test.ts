// One test per rule of validatePublicKeys, with real keys made by jose and node:crypto.
import { generateKeyPairSync } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError, type FieldIssue } from "@/lib/errors/app-error";
import { validatePublicKeys } from "@/lib/identities/keys/validate-jwk";

let ec: JWK;
let ecPrivate: JWK;
let ed: JWK;
let rsa: JWK;
let weakRsa: JWK;

async function publicJwk(alg: string, options: { modulusLength?: number } = {}): Promise<{ pub: JWK; priv: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...options });
  return { pub: await exportJWK(publicKey), priv: await exportJWK(privateKey) };
}

beforeAll(async () => {
  ({ pub: ec, priv: ecPrivate } = await publicJwk("ES256"));
  ({ pub: ed } = await publicJwk("EdDSA"));
  ({ pub: rsa } = await publicJwk("PS256", { modulusLength: 2048 }));
  weakRsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" }) as JWK;
});

/** The issues validatePublicKeys throws for a submission (fails the test when it accepts it). */
async function issuesOf(submission: { jwk?: unknown; jwks?: unknown }): Promise<FieldIssue[]> {
  const error = await validatePublicKeys(submission).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, "the submission should be refused").toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("validation_failed");
  return (error as AppError).issues;
}

const one = (jwk: unknown) => issuesOf({ jwk });

describe("validatePublicKeys accepts", () => {
  it("an EC P-256 key: alg ES256, kid = RFC 7638 thumbprint, only public members kept", async () => {
    const [key] = await validatePublicKeys({ jwk: { ...ec, ext: true, key_ops: ["verify"], use: "sig" } });
    const thumbprint = await calculateJwkThumbprint(ec, "sha256");
    expect(key).toMatchObject({ index: 0, path: "jwk", kty: "EC", crv: "P-256", alg: "ES256", kid: thumbprint, thumbprint });
    expect(key!.publicJwk).toEqual({ kty: "EC", crv: "P-256", x: ec.x, y: ec.y, kid: thumbprint, alg: "ES256", use: "sig" });
  });

  it("an Ed25519 key as EdDSA by default, and with alg Ed25519 as newer clients send it", async () => {
    const [plain] = await validatePublicKeys({ jwk: ed });
    expect(plain).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" });
    const [named] = await validatePublicKeys({ jwk: { ...ed, alg: "Ed25519", kid: "ed-1" } });
    expect(named).toMatchObject({ alg: "Ed25519", kid: "ed-1" });
    expect(named!.publicJwk).toEqual({ kty: "OKP", crv: "Ed25519", x: ed.x, kid: "ed-1", alg: "Ed25519" });
  });

  it("a JWK Set of RSA 2048 (PS256 and RS256) with paths per index", async () => {
    const other = (await publicJwk("RS256", { modulusLength: 2048 })).pub;
    const keys = await validatePublicKeys({ jwks: { keys: [{ ...rsa, alg: "PS256" }, { ...other, alg: "RS256", kid: "legacy" }] } });
    expect(keys.map((key) => [key.path, key.alg, key.crv])).toEqual([
      ["jwks.keys.0", "PS256", null],
      ["jwks.keys.1", "RS256", null],
    ]);
    expect(Object.keys(keys[0]!.publicJwk)).toEqual(["kty", "n", "e", "kid", "alg"]);
  });
});

describe("validatePublicKeys refuses", () => {
  it.each(["d", "p", "q", "dp", "dq", "qi", "oth", "k"])("private key member %s, without echoing it", async (member) => {
    const issues = await one({ ...ec, [member]: "c2VjcmV0LW1hdGVyaWFs" });
    expect(issues).toEqual([{ path: `jwk.${member}`, message: "is private key material: submit the public key only" }]);
    expect(JSON.stringify(issues)).not.toContain("c2VjcmV0LW1hdGVyaWFs");
  });

  it("a real private JWK, naming d", async () => {
    expect(await issuesOf({ jwks: { keys: [ecPrivate] } })).toEqual([{ path: "jwks.keys.0.d", message: "is private key material: submit the public key only" }]);
  });

  it("symmetric oct keys", async () => {
    expect(await one({ kty: "oct", k: "c2VjcmV0" })).toEqual([{ path: "jwk.kty", message: "symmetric (oct) keys cannot be registered: Warden holds public keys only" }]);
  });

  it("unknown or missing kty", async () => {
    expect(await one({ ...ec, kty: "DSA" })).toEqual([{ path: "jwk.kty", message: 'unsupported key type "DSA": use EC (P-256), OKP (Ed25519) or RSA' }]);
    expect(await one({ x: ec.x, y: ec.y, crv: "P-256" })).toEqual([{ path: "jwk.kty", message: "is required: EC, OKP or RSA" }]);
  });

  it("unknown or missing curves", async () => {
    expect(await one({ ...ec, crv: "P-384" })).toEqual([{ path: "jwk.crv", message: 'unsupported curve "P-384": EC keys must use P-256' }]);
    expect(await one({ ...ed, crv: "X25519" })).toEqual([{ path: "jwk.crv", message: 'unsupported curve "X25519": OKP keys must use Ed25519' }]);
    expect(await one({ kty: "EC", x: ec.x, y: ec.y })).toEqual([{ path: "jwk.crv", message: "is required for EC keys: P-256" }]);
  });

  it("an RSA modulus under 2048 bits", async () => {
    expect(await one({ ...weakRsa, alg: "RS256" })).toEqual([{ path: "jwk.n", message: "the RSA modulus is 1024 bits: at least 2048 are required" }]);
  });

  it('use "enc" (and any use other than sig)', async () => {
    expect(await one({ ...ec, use: "enc" })).toEqual([{ path: "jwk.use", message: 'encryption keys (use "enc") cannot be registered: identity keys sign' }]);
    expect(await one({ ...ec, use: "other" })).toEqual([{ path: "jwk.use", message: 'must be "sig" when given' }]);
  });

  it("remote key URLs x5u and jku", async () => {
    expect(await one({ ...ec, x5u: "https://keys.example.test/cert.pem" })).toEqual([{ path: "jwk.x5u", message: "remote key URLs are not accepted: submit the public key itself" }]);
    expect(await one({ ...ec, jku: "https://keys.example.test/jwks.json" })).toEqual([{ path: "jwk.jku", message: "remote key URLs are not accepted: submit the public key itself" }]);
  });

  it("an alg that does not fit the key: ES256 on RSA, none, HS256, EdDSA on EC", async () => {
    expect(await one({ ...rsa, alg: "ES256" })).toEqual([{ path: "jwk.alg", message: '"ES256" does not fit an RSA key: use PS256 or RS256' }]);
    expect(await one({ ...ec, alg: "none" })).toEqual([{ path: "jwk.alg", message: '"none" is not a signature algorithm: use ES256' }]);
    expect(await one({ ...ec, alg: "HS256" })).toEqual([{ path: "jwk.alg", message: "HS256 is a symmetric (HMAC) algorithm: use ES256" }]);
    expect(await one({ ...ec, alg: "EdDSA" })).toEqual([{ path: "jwk.alg", message: '"EdDSA" does not fit an EC key: use ES256' }]);
  });

  it("an RSA key without alg (PS256 or RS256 is ambiguous)", async () => {
    expect(await one(rsa)).toEqual([{ path: "jwk.alg", message: "is required for RSA keys: PS256 or RS256" }]);
  });

  it("missing required members: EC y, OKP x, RSA e", async () => {
    expect(await one({ kty: "EC", crv: "P-256", x: ec.x })).toEqual([{ path: "jwk.y", message: "is required for EC keys" }]);
    expect(await one({ kty: "OKP", crv: "Ed25519" })).toEqual([{ path: "jwk.x", message: "is required for OKP keys" }]);
    expect(await one({ kty: "RSA", n: rsa.n, alg: "PS256" })).toEqual([{ path: "jwk.e", message: "is required for RSA keys" }]);
  });

  it("malformed base64url", async () => {
    expect(await one({ ...ec, x: `${ec.x!.slice(0, 40)}+/==` })).toEqual([{ path: "jwk.x", message: "is not base64url (A-Z, a-z, 0-9, - and _, without padding)" }]);
    expect(await one({ ...ed, x: 42 })).toEqual([{ path: "jwk.x", message: "is not base64url (A-Z, a-z, 0-9, - and _, without padding)" }]);
  });

  it("coordinates of the wrong length", async () => {
    expect(await one({ ...ec, y: ec.y!.slice(0, 20) })).toEqual([{ path: "jwk.y", message: "must be 32 bytes for P-256 (got 15)" }]);
    expect(await one({ ...ed, x: `${ed.x}AAAA` })).toEqual([{ path: "jwk.x", message: "must be 32 bytes for Ed25519 (got 35)" }]);
  });

  it("coordinates that are well-formed but not a key (importJWK proves usability)", async () => {
    expect(await one({ ...ec, y: ec.x })).toEqual([{ path: "jwk", message: "is not a usable EC public key: its x and y do not form a valid key" }]);
  });

  it("a kid that is not printable text", async () => {
    expect(await one({ ...ec, kid: "" })).toEqual([{ path: "jwk.kid", message: "must be 1 to 200 printable ASCII characters, without surrounding spaces" }]);
    expect(await one({ ...ec, kid: "a\nb" })).toEqual([{ path: "jwk.kid", message: "must be 1 to 200 printable ASCII characters, without surrounding spaces" }]);
  });

  it("a duplicate kid within the submission, and the same key twice", async () => {
    expect(await issuesOf({ jwks: { keys: [{ ...ec, kid: "same" }, { ...ed, kid: "same" }] } })).toEqual([{ path: "jwks.keys.1.kid", message: "duplicates the kid of jwks.keys.0" }]);
    expect(await issuesOf({ jwks: { keys: [{ ...ec, kid: "a" }, { ...ec, kid: "b" }] } })).toEqual([{ path: "jwks.keys.1", message: "is the same key as jwks.keys.0" }]);
  });

  it("more than 20 keys, an empty set, and a set without a keys array", async () => {
    const many = await Promise.all(Array.from({ length: 21 }, async () => (await publicJwk("ES256")).pub));
    expect(await issuesOf({ jwks: { keys: many } })).toEqual([{ path: "jwks.keys", message: "holds 21 keys: at most 20 per submission" }]);
    expect(await issuesOf({ jwks: { keys: [] } })).toEqual([{ path: "jwks.keys", message: "must contain at least one key" }]);
    expect(await issuesOf({ jwks: ec })).toEqual([{ path: "jwks.keys", message: 'must be an array of JWKs: {"keys": [...]}' }]);
  });

  it("both jwk and jwks, or neither", async () => {
    expect(await issuesOf({ jwk: ec, jwks: { keys: [ed] } })).toEqual([{ path: "jwks", message: "send jwk or jwks, not both" }]);
    expect(await issuesOf({})).toEqual([{ path: "jwk", message: "is required (or send jwks)" }]);
  });

  it("names every bad key of a set at once, and a non-object entry as a whole", async () => {
    const issues = await issuesOf({ jwks: { keys: [ec, { ...ed, d: "x" }, "not a key", { ...rsa, alg: "RS384" }] } });
    expect(issues.map((issue) => issue.path)).toEqual(["jwks.keys.1.d", "jwks.keys.2", "jwks.keys.3.alg"]);
  });
});
