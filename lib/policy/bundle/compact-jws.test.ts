// The hand-written compact JWS verifies with jose for every signing algorithm
// Warden offers, over a payload with non-ASCII text, and a changed byte fails.
import { compactVerify, decodeProtectedHeader, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { compactJws } from "@/lib/policy/bundle/compact-jws";
import { SIGNING_ALGORITHMS } from "@/lib/signing-keys/generate-key";

describe("compactJws", () => {
  it.each(SIGNING_ALGORITHMS)("%s: jose verifies it and reads back the payload and header", async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { ...(alg === "EdDSA" ? { crv: "Ed25519" } : {}), ...(alg === "PS256" ? { modulusLength: 2048 } : {}) });
    const payload = JSON.stringify({ revision: 7, note: "Zürich → 東京", list: Array.from({ length: 1000 }, (_, index) => `item-${index}`) });
    const jws = compactJws({ payload, header: { alg, kid: "k1", typ: "warden-policy-bundle+jwt" }, privateKey });
    expect(decodeProtectedHeader(jws)).toEqual({ alg, kid: "k1", typ: "warden-policy-bundle+jwt" });
    const verified = await compactVerify(jws, publicKey, { algorithms: [alg] });
    expect(new TextDecoder().decode(verified.payload)).toBe(payload);
    const [header, body, signature] = jws.split(".") as [string, string, string];
    const tampered = `${header}.${body.slice(0, -2)}${body.slice(-2) === "AA" ? "AB" : "AA"}.${signature}`;
    await expect(compactVerify(tampered, publicKey, { algorithms: [alg] })).rejects.toThrow();
  });
});
