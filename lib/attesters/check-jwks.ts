// An attester's JWKS, checked key by key: each must import as a public signing
// key of a type Warden verifies (EC P-256, OKP Ed25519, RSA ≥ 2048 bits), and
// kids must not repeat. Stored with public members only.
import { importJWK, type JWK } from "jose";
import { invalid, type FieldIssue } from "@/lib/errors/app-error";
import { algorithmsFor } from "@/lib/oauth/jose-keys";

const PUBLIC_MEMBERS = ["kty", "crv", "x", "y", "n", "e", "kid", "alg", "use"];

export async function checkAttesterJwks(jwks: { keys: Record<string, unknown>[] }): Promise<{ keys: Record<string, unknown>[] }> {
  const issues: FieldIssue[] = [];
  const keys: Record<string, unknown>[] = [];
  const kids = new Set<string>();
  for (const [index, source] of jwks.keys.entries()) {
    const path = `jwks.keys.${index}`;
    const jwk = Object.fromEntries(PUBLIC_MEMBERS.filter((member) => member in source).map((member) => [member, source[member]])) as JWK;
    const algs = algorithmsFor(jwk);
    if (algs.length === 0) {
      issues.push({ path, message: "is not an EC P-256, OKP Ed25519 or RSA key" });
      continue;
    }
    if (jwk.kty === "RSA" && typeof jwk.n === "string" && Buffer.from(jwk.n, "base64url").length * 8 < 2048) {
      issues.push({ path: `${path}.n`, message: "RSA keys need at least 2048 bits" });
      continue;
    }
    try {
      await importJWK(jwk, algs[0]);
    } catch {
      issues.push({ path, message: "is not a valid public key" });
      continue;
    }
    if (typeof jwk.kid === "string") {
      if (kids.has(jwk.kid)) issues.push({ path: `${path}.kid`, message: "is used by another key of this JWKS" });
      kids.add(jwk.kid);
    }
    keys.push(jwk as Record<string, unknown>);
  }
  if (issues.length > 0) throw invalid("The attester's JWKS holds keys Warden cannot verify with", issues);
  return { keys };
}
