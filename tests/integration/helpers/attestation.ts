// attest_jwt_client_auth fixtures: a test attester the test creates (its own
// ES256 key pair, registered as a trusted attester), agents registered for
// attestation with a grant on the oauth fixture's server, and builders for the
// Client Attestation JWT and its PoP JWT — real keys, real signatures.
import crypto from "node:crypto";
import { SignJWT } from "jose";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { registerAttester } from "@/lib/attesters/register-attester";
import type { TAttester } from "@/lib/attesters/schemas";
import { createGrant } from "@/lib/grants/create-grant";
import { seedIdentity } from "@/lib/seed/factories";
import { issuer, testKey, type OAuthFixture, type TestKey } from "./oauth";
import { dpopHeader, sendToken, type Params, type Reply } from "./oauth-negative";

export const HARDWARE_CLAIMS = { key_storage: ["tpm", "secure_enclave"] };
export type TestAttester = { record: TAttester; issuer: string; key: TestKey };

const now = () => Math.floor(Date.now() / 1000);

export async function testAttester(options: { hardwareClaims?: Record<string, string[]>; expiresAt?: string } = {}): Promise<TestAttester> {
  const key = await testKey();
  const attesterIssuer = `https://attester-${crypto.randomBytes(6).toString("hex")}.example.test`;
  const record = await registerAttester({
    actor: SYSTEM_ACTOR,
    input: { name: `Test attester ${attesterIssuer.slice(17, 29)}`, issuer: attesterIssuer, jwks: { keys: [{ ...key.publicJwk, kid: key.kid }] }, hardwareClaims: options.hardwareClaims ?? HARDWARE_CLAIMS, expiresAt: options.expiresAt },
  });
  return { record, issuer: attesterIssuer, key };
}

type Overrides = { header?: Record<string, unknown>; claims?: Record<string, unknown>; omit?: string[]; signWith?: TestKey };

/** A Client Attestation JWT for `clientId`, binding `instance` and stating hardware key storage unless overridden. */
export async function attestationJwt(attester: Pick<TestAttester, "issuer" | "key">, clientId: string, instance: TestKey, overrides: Overrides = {}): Promise<string> {
  const claims: Record<string, unknown> = { iss: attester.issuer, sub: clientId, iat: now(), exp: now() + 3600, cnf: { jwk: instance.publicJwk }, key_storage: "tpm", ...overrides.claims };
  for (const name of overrides.omit ?? []) delete claims[name];
  const signer = overrides.signWith ?? attester.key;
  return new SignJWT(claims).setProtectedHeader({ alg: signer.alg, kid: attester.key.kid, typ: "oauth-client-attestation+jwt", ...overrides.header }).sign(signer.privateKey);
}

/** A Client Attestation PoP JWT signed with `instance`. */
export async function attestationPop(instance: TestKey, overrides: Omit<Overrides, "signWith"> = {}): Promise<string> {
  const claims: Record<string, unknown> = { aud: issuer(), jti: crypto.randomUUID(), iat: now(), ...overrides.claims };
  for (const name of overrides.omit ?? []) delete claims[name];
  return new SignJWT(claims).setProtectedHeader({ alg: instance.alg, typ: "oauth-client-attestation-pop+jwt", ...overrides.header }).sign(instance.privateKey);
}

/** An active agent registered for attest_jwt_client_auth, granted read_ledger on the fixture's server. */
export async function attestedAgent(f: OAuthFixture, options: { hardwareKeysRequired?: boolean; authMethod?: "attest_jwt_client_auth" | "private_key_jwt" } = {}) {
  const agent = await seedIdentity({ kind: "agent", owner: f.owner, extra: { authMethod: options.authMethod ?? "attest_jwt_client_auth", hardwareKeysRequired: options.hardwareKeysRequired ?? false } });
  await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: f.server.id, toolIds: [f.tool("read_ledger").id], justification: "attestation tests" } });
  return { agent: agent as typeof agent & { clientId: string }, instance: await testKey() };
}

/** A client_credentials request for the fixture's server with these attestation headers (and a valid DPoP proof). */
export async function sendAttested(f: OAuthFixture, headers: { attestation?: string; pop?: string }, params: Params = {}): Promise<Reply> {
  const extra: Record<string, string> = { ...(await dpopHeader(f.dpopKey)) };
  if (headers.attestation !== undefined) extra["oauth-client-attestation"] = headers.attestation;
  if (headers.pop !== undefined) extra["oauth-client-attestation-pop"] = headers.pop;
  return sendToken({ grant_type: "client_credentials", resource: f.server.resourceUri!, ...params }, extra);
}

/** The claims of an access token (no verification: the tests only read what Warden wrote). */
export function tokenClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}
