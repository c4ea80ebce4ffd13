// node-jws.ts against jose: what jose signs verifies here and what is signed
// here verifies in jose, for each algorithm Warden accepts; everything a
// verifier must refuse is refused; thumbprints equal jose's.
import crypto from "node:crypto";
import { calculateJwkThumbprint, CompactSign, compactVerify, decodeProtectedHeader, exportJWK, generateKeyPair, type JWK } from "jose";
import { describe, expect, it } from "vitest";
import { jwkThumbprint, publicKeyObject, signCompactJws, verifyCompactJws } from "@/lib/oauth/node-jws";

const ALGORITHMS = ["ES256", "EdDSA", "PS256"] as const;
const payload = new TextEncoder().encode(JSON.stringify({ iss: "cli_x", sub: "cli_x", jti: "j1", exp: 2_000_000_000 }));

async function keys(alg: string) {
  const pair = await generateKeyPair(alg, { extractable: true, ...(alg === "EdDSA" ? { crv: "Ed25519" } : {}) });
  const publicJwk = await exportJWK(pair.publicKey);
  return { pair, publicJwk, publicKey: crypto.KeyObject.from(pair.publicKey as CryptoKey), privateKey: crypto.KeyObject.from(pair.privateKey as CryptoKey) };
}

async function joseSigned(alg: string, privateKey: CryptoKey, header: Record<string, unknown> = {}) {
  return new CompactSign(payload).setProtectedHeader({ alg, ...header }).sign(privateKey);
}

describe("verifyCompactJws", () => {
  for (const alg of ALGORITHMS) {
    it(`accepts a JWS jose signed with ${alg}, and nothing altered`, async () => {
      const k = await keys(alg);
      const jws = await joseSigned(alg, k.pair.privateKey as CryptoKey);
      const header = decodeProtectedHeader(jws);
      expect(await verifyCompactJws(jws, header, k.publicKey, alg)).toBe(true);
      const [h, p, s] = jws.split(".");
      const otherPayload = Buffer.from(JSON.stringify({ iss: "cli_y" })).toString("base64url");
      expect(await verifyCompactJws(`${h}.${otherPayload}.${s}`, header, k.publicKey, alg)).toBe(false);
      // a second spelling of the same signature bytes, and a signature with a character outside base64url
      expect(await verifyCompactJws(`${h}.${p}.${s}A`, header, k.publicKey, alg)).toBe(false);
      expect(await verifyCompactJws(`${h}.${p}.${s!.slice(0, -1)}=`, header, k.publicKey, alg)).toBe(false);
      expect(await verifyCompactJws(`${h}.${p}.${s}.x`, header, k.publicKey, alg)).toBe(false);
      expect(await verifyCompactJws(`${h}.${p}`, header, k.publicKey, alg)).toBe(false);
      // another key of the same kind
      const other = await keys(alg);
      expect(await verifyCompactJws(jws, header, other.publicKey, alg)).toBe(false);
      // a private key is not a verification key
      expect(await verifyCompactJws(jws, header, k.privateKey, alg)).toBe(false);
    });
  }

  it("refuses a header naming another algorithm than the one checked, an unknown algorithm, none and HS256", async () => {
    const k = await keys("ES256");
    const jws = await joseSigned("ES256", k.pair.privateKey as CryptoKey);
    expect(await verifyCompactJws(jws, { alg: "EdDSA" }, k.publicKey, "ES256")).toBe(false);
    for (const alg of ["none", "HS256", "ES384", "RS1"]) expect(await verifyCompactJws(jws, { alg }, k.publicKey, alg)).toBe(false);
  });

  it("refuses a key of the wrong type, curve or size for the algorithm", async () => {
    const es = await keys("ES256");
    const jws = await joseSigned("ES256", es.pair.privateKey as CryptoKey);
    const header = decodeProtectedHeader(jws);
    const ed = await keys("EdDSA");
    expect(await verifyCompactJws(jws, header, ed.publicKey, "ES256")).toBe(false);
    const p384 = crypto.generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey;
    expect(await verifyCompactJws(jws, header, p384, "ES256")).toBe(false);
    const small = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
    const rsaJws = await signWithNode(small.privateKey, "PS256");
    expect(await verifyCompactJws(rsaJws, decodeProtectedHeader(rsaJws), small.publicKey, "PS256")).toBe(false);
  });

  it("refuses a JWS with a crit header, which Warden does not understand", async () => {
    const k = await keys("ES256");
    const jws = await joseSigned("ES256", k.pair.privateKey as CryptoKey, { crit: ["b64"], b64: true });
    expect(await verifyCompactJws(jws, decodeProtectedHeader(jws), k.publicKey, "ES256")).toBe(false);
  });
});

/** A PS256 JWS made with node:crypto directly (jose refuses to sign with a key under 2,048 bits). */
async function signWithNode(privateKey: crypto.KeyObject, alg: "PS256"): Promise<string> {
  const signed = `${Buffer.from(JSON.stringify({ alg })).toString("base64url")}.${Buffer.from(payload).toString("base64url")}`;
  const signature = crypto.sign("sha256", Buffer.from(signed), { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return `${signed}.${signature.toString("base64url")}`;
}

describe("signCompactJws", () => {
  for (const alg of ALGORITHMS) {
    it(`signs with ${alg} what jose verifies`, async () => {
      const k = await keys(alg);
      const claims = { sub: "agt_1", scope: "a b", n: 1 };
      const jws = await signCompactJws({ alg, kid: "k1", typ: "at+jwt" }, claims, k.privateKey);
      const verified = await compactVerify(jws, k.pair.publicKey, { algorithms: [alg] });
      expect(verified.protectedHeader).toEqual({ alg, kid: "k1", typ: "at+jwt" });
      expect(JSON.parse(new TextDecoder().decode(verified.payload))).toEqual(claims);
    });
  }

  it("refuses a public key, and a key that does not fit the algorithm", async () => {
    const k = await keys("ES256");
    await expect(signCompactJws({ alg: "ES256" }, {}, k.publicKey)).rejects.toThrow(/cannot sign/);
    await expect(signCompactJws({ alg: "EdDSA" }, {}, k.privateKey)).rejects.toThrow(/cannot sign/);
    await expect(signCompactJws({ alg: "HS256" }, {}, k.privateKey)).rejects.toThrow(/cannot sign/);
  });
});

describe("jwkThumbprint", () => {
  it("equals jose's RFC 7638 thumbprint for EC, OKP and RSA keys", async () => {
    for (const alg of ALGORITHMS) {
      const { publicJwk } = await keys(alg);
      expect(jwkThumbprint({ ...publicJwk, kid: "ignored", use: "sig" })).toBe(await calculateJwkThumbprint(publicJwk, "sha256"));
    }
  });

  it("throws for another key type or a missing member", () => {
    expect(() => jwkThumbprint({ kty: "oct", k: "c2VjcmV0" } as JWK)).toThrow(/kty/);
    expect(() => jwkThumbprint({ kty: "EC", crv: "P-256", x: "abc" } as JWK)).toThrow(/needs y/);
  });
});

describe("publicKeyObject", () => {
  it("imports a public JWK once per cache key", async () => {
    const { publicJwk } = await keys("ES256");
    const id = `test:${crypto.randomUUID()}`;
    const first = publicKeyObject(id, publicJwk);
    expect(first.type).toBe("public");
    expect(publicKeyObject(id, publicJwk)).toBe(first);
  });
});
