// Warden's access tokens: RFC 9068 JWTs (typ at+jwt) signed by the active
// signing key. `sub` is the agent's identity id (agt_…), never a user id.
import crypto, { type KeyObject, type webcrypto } from "node:crypto";
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from "jose";
import { ISSUER } from "@/lib/oauth/config";
import { newId } from "@/lib/ids";
import { signCompactJws } from "@/lib/oauth/node-jws";
import { policyRevision } from "@/lib/policy/policy-cache";
import { ensureSigningKeys } from "@/lib/signing-keys/rotate-signing-key";
import { keyStore, verificationKey, type KeyStore } from "@/lib/signing-keys/key-store";

export type ActClaim = { sub: string; act?: ActClaim };

export type AccessTokenClaims = JWTPayload & {
  iss: string;
  sub: string;
  aud: string;
  client_id: string;
  scope: string;
  iat: number;
  exp: number;
  jti: string;
  /** DPoP key thumbprint (RFC 9449) or client certificate thumbprint (RFC 8705) */
  cnf?: { jkt?: string; "x5t#S256"?: string };
  /** RFC 8176: hwk when the client authenticated with a key attested as hardware-bound, else swk */
  amr?: string[];
  /** how the client authenticated: private_key_jwt, tls_client_auth, self_signed_tls_client_auth or attest_jwt_client_auth */
  wdn_auth?: string;
  act?: ActClaim;
  /** the jti of the token this one was exchanged from */
  wdn_parent_jti?: string;
  /** every token this one descends from, the agent's original token first: revoking any of them revokes this one */
  wdn_chain?: string[];
  /** the tool scopes of the agent's original token, whose grant this token still depends on */
  wdn_origin_scope?: string;
  /** the policy revision the issuing instance had seen (enforcement points compare it with their bundle's) */
  wdn_rev?: number;
};

// the signer's key as node:crypto needs it (lib/oauth/node-jws.ts), converted once per loaded key
const nodeKeys = new WeakMap<object, KeyObject>();
function nodeKey(key: object): KeyObject {
  if (key instanceof crypto.KeyObject) return key;
  let converted = nodeKeys.get(key);
  if (!converted) nodeKeys.set(key, (converted = crypto.KeyObject.from(key as webcrypto.CryptoKey)));
  return converted;
}

async function signer(): Promise<NonNullable<KeyStore["signer"]>> {
  const store = await keyStore();
  if (store.signer) return store.signer;
  await ensureSigningKeys();
  const reloaded = await keyStore({ refresh: true });
  if (!reloaded.signer) throw new Error("No active signing key");
  return reloaded.signer;
}

export type MintInput = { sub: string; aud: string; client_id: string; scope: string; exp: number; iat?: number; cnf?: { jkt: string } | { "x5t#S256": string }; amr?: string[]; wdn_auth?: string; act?: ActClaim; wdn_parent_jti?: string; wdn_chain?: string[]; wdn_origin_scope?: string };

export async function mintAccessToken(claims: MintInput): Promise<{ token: string; jti: string; claims: AccessTokenClaims }> {
  const key = await signer();
  const jti = newId("accessToken");
  const full: AccessTokenClaims = { ...claims, iss: ISSUER(), iat: claims.iat ?? Math.floor(Date.now() / 1000), jti, wdn_rev: Number(await policyRevision()) };
  const token = await signCompactJws({ alg: key.alg, kid: key.kid, typ: "at+jwt" }, full, nodeKey(key.privateKey));
  return { token, jti, claims: full };
}

/** Verifies a token Warden issued (signature, typ, issuer, expiry); null when it is not one. */
export async function verifyAccessToken(token: string, now = Math.floor(Date.now() / 1000)): Promise<AccessTokenClaims | null> {
  try {
    const header = decodeProtectedHeader(token);
    if (typeof header.kid !== "string" || header.typ !== "at+jwt") return null;
    const key = await verificationKey(header.kid);
    if (!key) return null;
    const { payload } = await jwtVerify(token, key.publicKey, { algorithms: [key.alg], issuer: ISSUER(), typ: "at+jwt", currentDate: new Date(now * 1000) });
    const claims = payload as AccessTokenClaims;
    if (typeof claims.sub !== "string" || typeof claims.aud !== "string" || typeof claims.jti !== "string" || typeof claims.exp !== "number") return null;
    return claims;
  } catch {
    return null;
  }
}

/** The claims that record how the client authenticated (for enforcement points that require hardware-bound keys). */
export function authenticationClaims(client: { method: string; keyProtection: "hardware" | "software" }): { amr: string[]; wdn_auth: string } {
  return { amr: [client.keyProtection === "hardware" ? "hwk" : "swk"], wdn_auth: client.method };
}

export function delegationDepth(act: ActClaim | undefined): number {
  let depth = 0;
  for (let link = act; link; link = link.act) depth += 1;
  return depth;
}
