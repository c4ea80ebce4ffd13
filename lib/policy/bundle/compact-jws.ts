// A compact JWS (RFC 7515 §7.1) over a large payload, signed with node:crypto.
// Written by hand for one reason: jose's CompactSign base64url-encodes with a
// portable implementation, which took 0.7 s of the 2.3 s to compile and sign
// the 44 MiB bundle of a gateway fronting 1,000 servers; Buffer's native
// base64url and crypto.sign take 0.2 s (BENCHMARKS.md). Everything else about
// JWS stays jose's: gateways verify with jose (lib/gateway/verify-bundle.ts),
// and compact-jws.test.ts verifies this output with jose for every algorithm.
import crypto, { KeyObject } from "node:crypto";
import type { SigningAlgorithm } from "@/lib/signing-keys/generate-key";

/** A node KeyObject or a WebCrypto CryptoKey (what jose's importJWK gives). */
type KeyLike = CryptoKey | KeyObject | { readonly type: string };

/** The JWS signature of `input` (ASCII) under `alg`, as RFC 7518 encodes it. */
function signature(alg: SigningAlgorithm, key: KeyObject, input: Buffer): Buffer {
  if (alg === "ES256") return crypto.sign("sha256", input, { key, dsaEncoding: "ieee-p1363" });
  if (alg === "PS256") return crypto.sign("sha256", input, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return crypto.sign(null, input, key); // EdDSA (Ed25519)
}

export function compactJws(options: { payload: string; header: Record<string, unknown> & { alg: SigningAlgorithm }; privateKey: KeyLike }): string {
  const key = options.privateKey instanceof KeyObject ? options.privateKey : KeyObject.from(options.privateKey as CryptoKey);
  const input = `${Buffer.from(JSON.stringify(options.header)).toString("base64url")}.${Buffer.from(options.payload).toString("base64url")}`;
  return `${input}.${signature(options.header.alg, key, Buffer.from(input, "latin1")).toString("base64url")}`;
}
